/**
 * Raw requests from huawei-captures.md (@huaweicloud/huaweicloud-sdk-iam 3.1.172 + sdk-core 3.1.211,
 * Node 20, loopback listener), with the canonical request the independent check computed for each.
 * Credentials are the capture's fake ones.
 */
import type { Capture } from './raw-http.js';

export const HUAWEI_ACCESS_KEY = 'HWAKEXAMPLE0000000001';
export const HUAWEI_SECRET = 'hwSecretExample0000000000000000000000001';

export const huaweiCaptures: readonly Capture[] = [
  {
    name: 'v5 createLoginProfileV5',
    canonicalRequest: 'POST\n/v5/users/u1/login-profile/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\n899ab2db70fdbd4a2c51585c152cd3bd45c22fba2747d8547e691fc5da35fb6b',
    raw: `
POST /v5/users/u1/login-profile HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=8b838d4fdfa7d3aa2d9271e8b9d336cabcd209ccdaf8076b89cfe93f614eaae0
Content-Length: 56
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive

{"password":"P@ssw0rd!x","password_reset_required":true}`,
  },
  {
    name: 'v5 listUsersV5',
    canonicalRequest: 'GET\n/v5/users/\ngroup_id=g1&limit=10&marker=abc%2B%2F%3D\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v5/users?limit=10&marker=abc%2B%2F%3D&group_id=g1 HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=e0b976173f03f429d94241fb01ef9490ff741b64b3057fac6cac1eba074d22da
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v5 showUserV5 404',
    canonicalRequest: 'GET\n/v5/users/nouser/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v5/users/nouser HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=006c5e6c5281a3186da5d827fde4ba1fa5bc6110776929787d581420658abaaf
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v5 showLoginProfileV5 403',
    canonicalRequest: 'GET\n/v5/users/deny/login-profile/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v5/users/deny/login-profile HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=e90a4139258f09cbe0bd372efd5cd6a79654898010c1dfd4e5c9071b9d368994
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v5 deleteLoginProfileV5',
    canonicalRequest: 'DELETE\n/v5/users/u1/login-profile/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
DELETE /v5/users/u1/login-profile HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=99083ca8167870edffba43dcfba49b08127f605d8e85d936efb622d67ad2694b
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v5 createAccessKeyV5',
    canonicalRequest: 'POST\n/v5/users/u1/access-keys/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
POST /v5/users/u1/access-keys HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=7a42ddda59ffbc71481264f6e6470d673a4e55e0270e0c167958d02c53521a21
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive
Content-Length: 0`,
  },
  {
    name: 'v5 deleteResourceTagsV5',
    canonicalRequest: 'DELETE\n/v5/user/u1/tags/delete/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-sdk-date\n690ec0756eb8f88c3608c7c616a9aa37ee596446f5c0b4f7692fbcbbd893d007',
    raw: `
DELETE /v5/user/u1/tags/delete HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=4d3e05ad65bbcacc79fe4f44bd0e2c7f23c5c52677d13605828e89d4df7f0164
Content-Length: 11
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive

["k1","k2"]`,
  },
  {
    name: 'v3 keystoneCreateUser',
    canonicalRequest: 'POST\n/v3/users/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-domain-id:d0000000000000000000000000000001\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-domain-id;x-sdk-date\n5058ddb498de461c29fe65f104d3f27f786e4e8feb1ecdce93b8fdd69fa53181',
    raw: `
POST /v3/users HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Domain-Id: d0000000000000000000000000000001
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=bfa8349934b32b0b6a5e04cfafdb04b902f42cc85a20c6fa00c76acdf91f2ab2
Content-Length: 81
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive

{"user":{"name":"alice","domain_id":"d1","password":"P@ssw0rd!x","enabled":true}}`,
  },
  {
    name: 'v3 keystoneListUsers',
    canonicalRequest: 'GET\n/v3/users/\nenabled=true&name=alice\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-domain-id:d0000000000000000000000000000001\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-domain-id;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v3/users?enabled=true&name=alice HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Domain-Id: d0000000000000000000000000000001
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=739f582f3fd8e2cd499574bc8103132ac3fd573d2584800e4e56e1cb110e47c8
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v3 keystoneShowUser 404',
    canonicalRequest: 'GET\n/v3/users/nouser/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-domain-id:d0000000000000000000000000000001\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-domain-id;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v3/users/nouser HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Domain-Id: d0000000000000000000000000000001
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=7f3eaaca207c79828222f635f8118993887592dee196bd4ed27e7e14595128a2
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
  {
    name: 'v3 keystoneCreateUserTokenByPassword',
    canonicalRequest: 'POST\n/v3/auth/tokens/\nnocatalog=true\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-domain-id:d0000000000000000000000000000001\nx-sdk-date:20261123T111329Z\n\ncontent-type;host;x-domain-id;x-sdk-date\n7de0d28f495fda5ce445279d90796b3d4264c76206ca69f318ff8b07dbb10a87',
    raw: `
POST /v3/auth/tokens?nocatalog=true HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Domain-Id: d0000000000000000000000000000001
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=fac4d8eced44768bbdf9840b9624eaef59422960e0d2f3a6a564fff31b3a0d1e
Content-Length: 167
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive

{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"acct"},"name":"alice","password":"P@ssw0rd!x"}}},"scope":{"domain":{"name":"acct"}}}}`,
  },
  {
    name: 'v3 keystoneValidateToken',
    canonicalRequest: 'GET\n/v3/auth/tokens/\n\ncontent-type:application/json\nhost:127.0.0.1:40541\nx-domain-id:d0000000000000000000000000000001\nx-sdk-date:20261123T111329Z\nx-subject-token:MIItoken\n\ncontent-type;host;x-domain-id;x-sdk-date;x-subject-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    raw: `
GET /v3/auth/tokens HTTP/1.1
Accept: application/json
Content-Type: application/json
User-Agent: huaweicloud-usdk-nodejs/3.0; os/linux#6.18.44-fc-v595#x64 nodejs/v20.20.2 meta/C; app/0eaf0c67-1bd9-4b0a-836b-075666504910
X-Domain-Id: d0000000000000000000000000000001
X-Subject-Token: MIItoken
X-Sdk-Date: 20261123T111329Z
host: 127.0.0.1:40541
Authorization: SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-domain-id;x-sdk-date;x-subject-token, Signature=3d3d14e26e5b0e61475985ec47d5025b5dc7e8e009fae33ad1f8c02b6e3d47d0
Accept-Encoding: gzip, compress, deflate, br
Connection: keep-alive`,
  },
];
