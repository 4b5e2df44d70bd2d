/** `npm run db:seed-demo`: adds the demo accounts and their progress (never run against real data). */
import { closeDatabase, database } from '../src/lib/server/db';
import { demoBanner, seedDemo } from '../src/lib/server/demo';
import { courseFromDisk } from './load-course';

const { db } = await database();
await seedDemo(db, courseFromDisk());
console.log(demoBanner());
await closeDatabase();
