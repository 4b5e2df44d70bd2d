/** `npm run db:migrate`: applies the migrations in drizzle/ to DATABASE_URL (or the embedded database). */
import { closeDatabase, database } from '../src/lib/server/db';

const { driver } = await database();
console.log(`Migrations applied (${driver === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'}).`);
await closeDatabase();
