/**
 * AWS IAM account reports: GenerateCredentialReport, GetCredentialReport (the CSV of "Getting
 * credential reports", base64 in `Content`) and GetAccountSummary (`SummaryMap`, the keys for what
 * polyiam has).
 */
import type { Account } from '../../../core/accounts/account.js';
import type { CredentialReport, CredentialReportKey, CredentialReportRow } from '../../../core/reports/account-reports-service.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import { AwsFamilyError } from '../../kit/aws-family/errors.js';
import { callerAccount } from '../../kit/aws-family/flavor.js';
import { accountSummaryOperation } from '../../kit/aws-family/operations/account-summary.js';

/** The columns of AWS's credential report, in its order. */
const COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation',
  'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region',
  'access_key_1_last_used_service', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date',
  'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

/** AWS report times: ISO-8601 to the second with an explicit offset (`2024-01-01T00:00:00+00:00`) */
const time = (at: number | null | undefined, none = 'N/A'): string => (at === null || at === undefined ? none : new Date(at).toISOString().replace(/\.\d{3}Z$/, '+00:00'));

function keyCells(key: CredentialReportKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [String(key.active), time(key.lastRotated), time(key.lastUsedAt), key.lastUsedRegion ?? 'N/A', key.lastUsedService ?? 'N/A'];
}

function rowCells(account: Account, row: CredentialReportRow): string[] {
  const { user } = row;
  // AWS: the root row is `<root_account>`; its password columns say `not_supported` where IAM has no rule
  const root = user.isRoot;
  return [
    root ? '<root_account>' : user.name,
    root ? `arn:aws:iam::${account.awsAccountId}:root` : `arn:aws:iam::${account.awsAccountId}:user${user.path}${user.name}`,
    time(user.createdAt),
    root ? 'not_supported' : String(row.passwordEnabled),
    time(user.passwordLastUsedAt, row.passwordEnabled ? 'no_information' : 'N/A'),
    root ? 'not_supported' : time(row.passwordLastChanged),
    root ? 'not_supported' : time(row.passwordNextRotation),
    String(row.mfaActive ?? false),
    ...keyCells(row.keys[0]),
    ...keyCells(row.keys[1]),
    'false', 'N/A', 'false', 'N/A',
  ];
}

export function credentialReportCsv(account: Account, report: CredentialReport): string {
  const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [COLUMNS, ...report.rows.map((row) => rowCells(account, row))].map((cells) => cells.map(csvCell).join(',')).join('\n');
}

export function reportOperations(): QueryOperation[] {
  return [
    {
      action: 'GenerateCredentialReport',
      async run({ ctx, services }) {
        const state = await services.accountReports.generateCredentialReport(ctx);
        return { State: state, Description: state === 'STARTED' ? 'No report exists. Starting a new report generation task' : undefined };
      },
    },
    {
      action: 'GetCredentialReport',
      async run({ ctx, services }) {
        const report = await services.accountReports.getCredentialReport(ctx);
        // AWS: 410 ReportNotPresent before any GenerateCredentialReport, 410 ReportExpired after
        if (report === 'absent') throw new AwsFamilyError('ReportNotPresent', 410, 'Credential report not present. Use GenerateCredentialReport to generate a report.');
        // AWS: 404 ReportInProgress while a generation runs (the SDK's CredentialReportNotReadyException)
        if (report === 'in-progress') throw new AwsFamilyError('ReportInProgress', 404, 'Report generation in progress. Try again later.');
        if (report === 'expired') throw new AwsFamilyError('ReportExpired', 410, 'Credential report expired. Use GenerateCredentialReport to generate a new report.');
        const account = await callerAccount(services, ctx);
        return { Content: Buffer.from(credentialReportCsv(account, report), 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: new Date(report.generatedAt) };
      },
    },
    accountSummaryOperation({ roles: false }),
  ];
}
