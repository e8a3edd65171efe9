import { readFileSync } from 'node:fs';
import { renderReport } from './report.js';
console.log(renderReport(JSON.parse(readFileSync(process.argv[2]!, 'utf8'))));
