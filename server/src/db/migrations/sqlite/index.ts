// The sqlite migrations in order. Maintained by `npm run migration:generate`.
import type { MigrationInterface } from 'typeorm';
import * as m0 from './1795747734631-Initial';
import * as m1 from './1795748529322-Topics';
import * as m2 from './1795751345260-Votes';
import * as m3 from './1795753413821-Councils';
import * as m4 from './1795753577132-Meetings';
import * as m5 from './1795757398232-Audit';
import * as m6 from './1795757521266-VoteMeeting';
import * as m7 from './1795757833830-Outcomes';
import * as m8 from './1795757858107-LiveMeetings';
import * as m9 from './1795757937415-VoteMethodsPaperProxies';
import * as m10 from './1795757991851-Projects';

type MigrationClass = new () => MigrationInterface;

function classesOf(module: Record<string, unknown>): MigrationClass[] {
  return Object.values(module).filter((v): v is MigrationClass => typeof v === 'function');
}

export const sqliteMigrations: MigrationClass[] = [
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
