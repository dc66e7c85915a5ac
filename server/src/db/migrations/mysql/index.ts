// The mysql migrations in order. Maintained by `npm run migration:generate`.
import type { MigrationInterface } from 'typeorm';
import * as m0 from './1795747734679-Initial';
import * as m1 from './1795748529502-Topics';
import * as m2 from './1795751345890-Votes';
import * as m3 from './1795753414104-Councils';
import * as m4 from './1795753577616-Meetings';
import * as m5 from './1795757399167-Audit';
import * as m6 from './1795757521960-VoteMeeting';
import * as m7 from './1795757834602-Outcomes';
import * as m8 from './1795757858841-LiveMeetings';
import * as m9 from './1795757938716-VoteMethodsPaperProxies';
import * as m10 from './1795757992836-Projects';

type MigrationClass = new () => MigrationInterface;

function classesOf(module: Record<string, unknown>): MigrationClass[] {
  return Object.values(module).filter((v): v is MigrationClass => typeof v === 'function');
}

export const mysqlMigrations: MigrationClass[] = [
  ...classesOf(m0),
  ...classesOf(m1),
  ...classesOf(m2),
  ...classesOf(m3),
  ...classesOf(m4),
  ...classesOf(m5),
  ...classesOf(m6),
  ...classesOf(m7),
  ...classesOf(m8),
  ...classesOf(m9),
  ...classesOf(m10),
];
