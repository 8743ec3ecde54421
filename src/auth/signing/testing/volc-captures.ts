/**
 * Raw requests from volcengine-captures.md (@volcengine/openapi 1.36.2, Node 20, loopback listener,
 * region cn-north-1), with the canonical request the independent check computed for each.
 * Credentials are the capture's fake ones.
 */
import type { Capture } from './raw-http.js';

export const VOLC_ACCESS_KEY = 'AKLTexampleAK000000000001';
export const VOLC_SECRET = 'volcSecretExample000000000000000001';

export const volcCaptures: readonly Capture[] = [
  {
    name: 'ListUsers (built-in)',
    canonicalRequest: 'GET\n/\nAction=ListUsers&Limit=10&Offset=0&Query=bo%20b&Version=2018-01-01\nx-date:20261123T111415Z\n\nx-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /?Action=ListUsers&Limit=10&Offset=0&Query=bo%20b&Version=2018-01-01 HTTP/1.1
Accept: application/json, text/plain, */*
Content-Type: application/x-www-form-urlencoded
X-Date: 20261123T111415Z
Authorization: HMAC-SHA256 Credential=AKLTexampleAK000000000001/20261123/cn-north-1/iam/request, SignedHeaders=x-date, Signature=1d0cb8d344e3744566e03fc522d4d0e1ebc71202346069ba90e5f9132be51ca8
User-Agent: volc-sdk-nodejs/v1.36.2
Host: 127.0.0.1:34885
Connection: keep-alive`,
  },
  {
    name: 'createAPI CreateLoginProfile (GET)',
    canonicalRequest: 'GET\n/\nAction=CreateLoginProfile&LoginAllowed=true&Password=Pa%24%24w0rd%21x&PasswordResetRequired=false&UserName=bob&Version=2018-01-01\nx-date:20261123T111415Z\n\nx-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /?Action=CreateLoginProfile&LoginAllowed=true&Password=Pa%24%24w0rd!x&PasswordResetRequired=false&UserName=bob&Version=2018-01-01 HTTP/1.1
Accept: application/json, text/plain, */*
Content-Type: application/x-www-form-urlencoded
X-Date: 20261123T111415Z
Authorization: HMAC-SHA256 Credential=AKLTexampleAK000000000001/20261123/cn-north-1/iam/request, SignedHeaders=x-date, Signature=9db007a8d008c49e5b9f365a6f3acaba5736b9fe7433646a22bf6939935f42da
User-Agent: volc-sdk-nodejs/v1.36.2
Host: 127.0.0.1:34885
Connection: keep-alive`,
  },
  {
    name: 'createAPI GetLoginProfile error',
    canonicalRequest: 'GET\n/\nAction=GetLoginProfile&UserName=bob&Version=2018-01-01\nx-date:20261123T111415Z\n\nx-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /?Action=GetLoginProfile&UserName=bob&Version=2018-01-01 HTTP/1.1
Accept: application/json, text/plain, */*
Content-Type: application/x-www-form-urlencoded
X-Date: 20261123T111415Z
Authorization: HMAC-SHA256 Credential=AKLTexampleAK000000000001/20261123/cn-north-1/iam/request, SignedHeaders=x-date, Signature=167af4535e280b37958fb74939f9c1f45febe3faeb6c7b6599740119cfefde77
User-Agent: volc-sdk-nodejs/v1.36.2
Host: 127.0.0.1:34885
Connection: keep-alive`,
  },
  {
    name: 'createJSONAPI CreateUser (POST json)',
    canonicalRequest: 'POST\n/\nAction=CreateUser&Version=2018-01-01\nx-content-sha256:b2a1ebb0afb0c98f15bb2c4df4eb302dfaf0a0026add801113be1ad2a0e9dc89\nx-date:20261123T111415Z\n\nx-content-sha256;x-date\nb2a1ebb0afb0c98f15bb2c4df4eb302dfaf0a0026add801113be1ad2a0e9dc89',
    raw: `
POST /?Action=CreateUser&Version=2018-01-01 HTTP/1.1
Accept: application/json, text/plain, */*
Content-Type: application/json; charset=utf-8
X-Date: 20261123T111415Z
X-Content-Sha256: b2a1ebb0afb0c98f15bb2c4df4eb302dfaf0a0026add801113be1ad2a0e9dc89
Authorization: HMAC-SHA256 Credential=AKLTexampleAK000000000001/20261123/cn-north-1/iam/request, SignedHeaders=x-content-sha256;x-date, Signature=70fa89573336933d5b287b104848806e7a6104621ae3d21df6f0f75e1a28c9c8
User-Agent: volc-sdk-nodejs/v1.36.2
Content-Length: 38
Host: 127.0.0.1:34885
Connection: keep-alive

{"UserName":"bob","DisplayName":"Bob"}`,
  },
  {
    name: 'createUrlEncodeAPI UpdateUser (POST form)',
    canonicalRequest: 'POST\n/\nAction=UpdateUser&Version=2018-01-01\nx-content-sha256:5b2066cdc47c1045cc103da80893dcc36c101e5a253a1683fd40867a2ecd6892\nx-date:20261123T111415Z\n\nx-content-sha256;x-date\n5b2066cdc47c1045cc103da80893dcc36c101e5a253a1683fd40867a2ecd6892',
    raw: `
POST /?Action=UpdateUser&Version=2018-01-01 HTTP/1.1
Accept: application/json, text/plain, */*
Content-Type: application/x-www-form-urlencoded
X-Date: 20261123T111415Z
X-Content-Sha256: 5b2066cdc47c1045cc103da80893dcc36c101e5a253a1683fd40867a2ecd6892
Authorization: HMAC-SHA256 Credential=AKLTexampleAK000000000001/20261123/cn-north-1/iam/request, SignedHeaders=x-content-sha256;x-date, Signature=a4d6c223e40e26a4cb41b4ecac1a13ecec6b682723bd67e1f45c78755bb820b0
User-Agent: volc-sdk-nodejs/v1.36.2
Content-Length: 33
Host: 127.0.0.1:34885
Connection: keep-alive

UserName=bob&NewDisplayName=Bobby`,
  },
];
