/**
 * Child process of the benchmark: the baseline for authenticated reads. A bare node:http
 * server answering GET /api/investigations/:id from better-sqlite3 with the queries
 * Probity's detail runs (the investigation, its lead and team, three live counts), as JSON,
 * with no token check, framework or logging. Prints "listening <port>" when ready.
 *   node dist-bench/bench/raw-server-step.js <database.sqlite>
 */
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [database] = process.argv.slice(2);
const db = new Database(database, { readonly: true });
const investigation = db.prepare('SELECT * FROM investigations WHERE id = ?');
const team = db.prepare(`SELECT u.id, u.username FROM users u WHERE u.id = ?
  OR u.id IN (SELECT tm.user_id FROM investigation_team_members tm WHERE tm.investigation_id = ?) ORDER BY u.username_key`);
const count = (table: string) => db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE investigation_id = ? AND archived_at IS NULL`).pluck();
const subjects = count('subjects');
const allegations = count('allegations');
const recommendations = count('recommendations');
const PATH = /^\/api\/investigations\/([0-9a-f-]{36})$/;

const server = createServer((req, res) => {
  const id = PATH.exec(req.url ?? '')?.[1];
  const row = id ? investigation.get(id) as { id: string; lead_investigator_id: string | null } | undefined : undefined;
  if (!row) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');
    return;
  }
  const body = JSON.stringify({
    ...row, team: team.all(row.lead_investigator_id, row.id),
    counts: { subjects: subjects.get(row.id), allegations: allegations.get(row.id), recommendations: recommendations.get(row.id) },
  });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
