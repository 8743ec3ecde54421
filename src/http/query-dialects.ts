import { awsDialect } from '../dialects/aws/dialect.js';
import { awsStsDialect } from '../dialects/aws-sts/dialect.js';
import type { QueryDialect } from '../dialects/kit/query-dialect.js';
import { kingsoftDialect } from '../dialects/kingsoft/dialect.js';
import { volcengineDialect } from '../dialects/volcengine/dialect.js';

/**
 * The query-API dialects served at `/`, picked by `Version`. The first one renders errors for requests
 * that name no dialect at all (AWS, the model the others follow).
 */
export const queryDialects: QueryDialect[] = [awsDialect(), volcengineDialect, kingsoftDialect(), awsStsDialect()];
