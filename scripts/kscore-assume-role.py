"""kscore AssumeRole and a call with its temporary credentials; see kscore-assume-role.ts."""
import json
import os

from kscore.session import get_session

SECRET_FIELDS = ('SecretAccessKey', 'SessionToken', 'SecurityToken')
url = os.environ['URL']
session = get_session()
alice = session.create_client('iam', 'cn-beijing-6', use_ssl=False, endpoint_url=url,
                              ks_access_key_id=os.environ['AK'], ks_secret_access_key=os.environ['SK'])
out = alice.assume_role(RoleKrn=os.environ['KRN'], RoleSessionName='kscore-session', DurationSeconds=900)
out.pop('ResponseMetadata', None)
# Kingsoft JSON answers wrap the result in `<Action>Result`, as every IAM action of this dialect does
result = out['AssumeRoleResult']
creds = result['Credentials']
shown = dict(out, AssumeRoleResult=dict(result, Credentials={k: ('<%d chars>' % len(v) if k in SECRET_FIELDS else v) for k, v in creds.items()}))
print('AssumeRole:', json.dumps(shown, indent=1, default=str))
temp = session.create_client('iam', 'cn-beijing-6', use_ssl=False, endpoint_url=url,
                             ks_access_key_id=creds['AccessKeyId'], ks_secret_access_key=creds['SecretAccessKey'],
                             ks_session_token=creds['SecurityToken'])
users = temp.list_users()
users.pop('ResponseMetadata', None)
print('ListUsers with the temporary credentials:', json.dumps(users, default=str)[:400])
