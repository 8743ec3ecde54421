/**
 * Raw requests from aws-captures.md (@aws-sdk/client-iam 3.1169.0, Node 20, loopback listener), with
 * the canonical request the independent check computed for each. Credentials are the capture's fake
 * ones; the session-token request was signed by ASIAEXAMPLE000000001 with the same secret.
 */
import type { Capture } from './raw-http.js';

export const AWS_ACCESS_KEY = 'AKIAEXAMPLE000000001';
export const AWS_SECRET = 'awsSecretExample0000000000000000000000001';

export const awsCaptures: readonly Capture[] = [
  {
    name: 'CreateLoginProfile',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:5de2c378-e956-4dbe-89ed-fe09ff6ffac8\namz-sdk-request:attempt=1; max=1\ncontent-length:114\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:2f0d1b466919c2dae701960f0ba4a0b913c44b3d9e4447940e2b37ae29c546fc\nx-amz-date:20261123T111434Z\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent\n2f0d1b466919c2dae701960f0ba4a0b913c44b3d9e4447940e2b37ae29c546fc',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 114
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: 5de2c378-e956-4dbe-89ed-fe09ff6ffac8
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-content-sha256: 2f0d1b466919c2dae701960f0ba4a0b913c44b3d9e4447940e2b37ae29c546fc
authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=231ae48dabd1ea435f4b236f7d70bacf864cc8b010efc438d4d3373a2df8c29e
Connection: keep-alive

Action=CreateLoginProfile&Version=2010-05-08&UserName=bob&Password=Pa%24%24%20w0rd%21x~&PasswordResetRequired=true`,
  },
  {
    name: 'GetUser NoSuchEntity',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:43a76c55-894c-461d-86e8-c3c4b3886c18\namz-sdk-request:attempt=1; max=1\ncontent-length:49\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:5802fbf88a20f69e82c0cb653ab61d18bb5820e56790e9e95b716a2683c41ca1\nx-amz-date:20261123T111434Z\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent\n5802fbf88a20f69e82c0cb653ab61d18bb5820e56790e9e95b716a2683c41ca1',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 49
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: 43a76c55-894c-461d-86e8-c3c4b3886c18
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-content-sha256: 5802fbf88a20f69e82c0cb653ab61d18bb5820e56790e9e95b716a2683c41ca1
authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=1257850287a15ce05bedec7abf4136db95d44de014311771f019409547c65f04
Connection: keep-alive

Action=GetUser&Version=2010-05-08&UserName=nobody`,
  },
  {
    name: 'ListUsers',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:62a74012-d725-4d67-af0c-654e2fbe28cb\namz-sdk-request:attempt=1; max=1\ncontent-length:71\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:abda2690747e5b4d4c8babb7027ce210ea504bc528a6e20ae8af6c409b02cfcd\nx-amz-date:20261123T111434Z\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent\nabda2690747e5b4d4c8babb7027ce210ea504bc528a6e20ae8af6c409b02cfcd',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 71
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: 62a74012-d725-4d67-af0c-654e2fbe28cb
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-content-sha256: abda2690747e5b4d4c8babb7027ce210ea504bc528a6e20ae8af6c409b02cfcd
authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=a1f0381399000d6c7886faf47ad16557f48f019800681afe7f00981b9ede5445
Connection: keep-alive

Action=ListUsers&Version=2010-05-08&PathPrefix=%2F&Marker=m0&MaxItems=1`,
  },
  {
    name: 'DeleteLoginProfile 409',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:7bb39cf2-ded6-4ce4-8f23-737ede521156\namz-sdk-request:attempt=1; max=1\ncontent-length:57\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:e0fcb3d5efa3afe24f91f032769f0fdab550ec27afd8565bb102aa5263001701\nx-amz-date:20261123T111434Z\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent\ne0fcb3d5efa3afe24f91f032769f0fdab550ec27afd8565bb102aa5263001701',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 57
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: 7bb39cf2-ded6-4ce4-8f23-737ede521156
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-content-sha256: e0fcb3d5efa3afe24f91f032769f0fdab550ec27afd8565bb102aa5263001701
authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=8874e5a620c1ac8c456ba2bd1cb9d356eb9a6050dcb1acf2e5cb31cd270d518c
Connection: keep-alive

Action=DeleteLoginProfile&Version=2010-05-08&UserName=bob`,
  },
  {
    name: 'CreateUser SignatureDoesNotMatch + tags',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:f5d89dba-8824-4eda-9698-87936648c946\namz-sdk-request:attempt=1; max=1\ncontent-length:100\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:075d90f037ec6d51ccaab8af1050689a0993f4c19165361b08f15f80ebbc5610\nx-amz-date:20261123T111434Z\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent\n075d90f037ec6d51ccaab8af1050689a0993f4c19165361b08f15f80ebbc5610',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 100
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: f5d89dba-8824-4eda-9698-87936648c946
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-content-sha256: 075d90f037ec6d51ccaab8af1050689a0993f4c19165361b08f15f80ebbc5610
authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=1b010191a07a1158b2a606f27d2ddadb2d559cf233b1309342ba626a51d3f388
Connection: keep-alive

Action=CreateUser&Version=2010-05-08&UserName=bob&Path=%2F&Tags.member.1.Key=k&Tags.member.1.Value=v`,
  },
  {
    name: 'GetAccountPasswordPolicy (session token)',
    canonicalRequest: 'POST\n/\n\namz-sdk-invocation-id:71dd9520-83ed-4379-b681-4c07148f7290\namz-sdk-request:attempt=1; max=1\ncontent-length:50\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:35415\nx-amz-content-sha256:ea932dc167ba62f61056ffd881499668d7cf04f9c4ed7883675e860d28fff1e9\nx-amz-date:20261123T111434Z\nx-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN\nx-amz-user-agent:aws-sdk-js/3.1168.0\n\namz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent\nea932dc167ba62f61056ffd881499668d7cf04f9c4ed7883675e860d28fff1e9',
    raw: `
POST / HTTP/1.1
content-type: application/x-www-form-urlencoded
content-length: 50
x-amz-user-agent: aws-sdk-js/3.1168.0
user-agent: aws-sdk-js/3.1168.0 ua/2.1 os/linux#6.18.44-fc-v595 lang/js md/nodejs#20.20.2 api/iam#3.1168.0 m/N,E,e
host: 127.0.0.1:35415
amz-sdk-invocation-id: 71dd9520-83ed-4379-b681-4c07148f7290
amz-sdk-request: attempt=1; max=1
x-amz-date: 20261123T111434Z
x-amz-security-token: FQoGZXIvYXdzEXAMPLETOKEN
x-amz-content-sha256: ea932dc167ba62f61056ffd881499668d7cf04f9c4ed7883675e860d28fff1e9
authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE000000001/20261123/us-east-1/iam/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent, Signature=bebd80223e67db266d57fb29486e161df4efc7eba1d2ba2e3fbe1680c5a9813c
Connection: keep-alive

Action=GetAccountPasswordPolicy&Version=2010-05-08`,
  },
];
