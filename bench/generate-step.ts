/** node dist-bench/bench/generate-step.js <file.csv> <allegations> <investigations> */
import { writeSyntheticCcrb } from './synthetic.js';

const [file, allegations, investigations] = process.argv.slice(2);
const rows = await writeSyntheticCcrb(file, { allegations: Number(allegations), investigations: Number(investigations) });
process.stdout.write(`${JSON.stringify({ rows })}\n`);
