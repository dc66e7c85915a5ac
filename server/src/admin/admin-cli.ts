import { parseArgs } from 'node:util';
import type { EstateKind } from '../communities/communities.entity';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { runMigrations, withSchemaLock } from '../db/migrate';
import { bootstrapCommunity, inviteSubDistrictAdmin } from './bootstrap';

const USAGE = `Usage:
  npm run admin -- bootstrap --sub-district <name> --sub-district-code <code>
                            --community <name> --community-code <code>
                            [--estate <name>:<old_compound|commercial|resettlement>]... [--valid-days 7]
      Creates the sub-district, community and estates (or finds them by code) and prints a one-time
      code; the first person to sign in with WeChat and enter it becomes the community's moderator.
  npm run admin -- invite-subdistrict-admin --sub-district-code <code> [--valid-days 7]
      Prints a one-time code for a sub-district admin.

Uses the same DATABASE_URL / YISHI_DATA_DIR as the server and applies pending migrations first.`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      'sub-district': { type: 'string' },
      'sub-district-code': { type: 'string' },
      community: { type: 'string' },
      'community-code': { type: 'string' },
      estate: { type: 'string', multiple: true },
      'valid-days': { type: 'string', default: '7' },
    },
  });
  const validDays = Number(values['valid-days']);
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 90) throw new Error('--valid-days must be 1–90');
  const config = loadConfig();
  const ds = await createDataSource({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  await ds.initialize();
  try {
    await withSchemaLock(ds, () => runMigrations(ds));
    if (command === 'bootstrap') {
      const required = ['sub-district', 'sub-district-code', 'community', 'community-code'] as const;
      for (const key of required) if (!values[key]) throw new Error(`--${key} is required\n\n${USAGE}`);
      const estates = (values.estate ?? []).map((spec) => {
        const [name, kind = 'commercial'] = spec.split(':');
        return { name: name!.trim(), kind: kind.trim() as EstateKind };
      });
      const result = await bootstrapCommunity(ds, {
        subDistrict: { name: values['sub-district']!, code: values['sub-district-code']! },
        community: { name: values.community!, code: values['community-code']! },
        estates,
        validDays,
      });
      console.log(`Sub-district #${result.subDistrictId}, community #${result.communityId}, estates ${result.estateIds.join(', ') || '(none)'}.
First moderator's one-time code: ${result.moderatorInviteCode}
It expires ${result.expiresAt.toISOString()}. The moderator signs in with WeChat, opens 我的 → 输入邀请码, and enters it.`);
    } else if (command === 'invite-subdistrict-admin') {
      if (!values['sub-district-code']) throw new Error(`--sub-district-code is required\n\n${USAGE}`);
      const invite = await inviteSubDistrictAdmin(ds, values['sub-district-code'], validDays);
      console.log(`Sub-district admin's one-time code: ${invite.code} (expires ${invite.expiresAt.toISOString()})`);
    } else {
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
