import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SAMPLE_PARCELS, loadConfig } from '../src/lib/server/config';
import { openDatabase, migrate, type Database } from '../src/lib/server/db';
import { DomainError } from '../src/lib/server/errors';
import { importLayer, type ImportReport } from './import/import-layer';
import { importRuleBook, type RuleBookImportReport } from './import/rule-book-import';
import { NothingImportedError } from './import/issues';
import { formatImportReport, formatRuleBookReport } from './import/report';
import { exportLayer } from './export/export-layer';
import { LAYERS } from './import/layers';

/**
 * `npm run gis -- <command>`: the municipality's data in and out of Pelak. Thin: parse the
 * arguments, open the database from the environment, call import/export/sample, print.
 */

const HELP = `Pelak GIS — ابزار داده‌های شهر / the city's data tool

usage: npm run gis -- <command> [options]

  migrate                               apply the database migrations / اجرای مهاجرت‌ها
  import <file> --layer <layer>         import a GeoJSON, Shapefile (.shp or .zip) or GeoPackage file
        [--srs <EPSG:n | proj string>]  the file's CRS, overriding what the file says
        [--map target=source ...]       map a source field to a target field (repeatable)
        [--replace]                     delete the layer's rows first (same transaction)
        [--table <name>]                GeoPackage table / shapefile inside a .zip / XLSX sheet
        [--encoding <label>]            .dbf encoding when there is no .cpg (e.g. windows-1256)
  import <rules.csv|.xlsx> --layer zoning_rules --effective-from <date>
                                        a detailed-plan rule book, one row per zone code; a new
                                        version in force from <date> (2025-03-21 or 1404/01/01)
        [--title <text>] [--source <text>] [--map target=source ...] [--table <sheet>]
  An import of which nothing survives exits 1 and changes nothing.
  export --layer <layer> <file.geojson> write the layer as GeoJSON (WGS84, RFC 7946)
  sample [--parcels N]                  load the SAMPLE city into an empty database
  help                                  this text / همین راهنما

layers: ${Object.keys(LAYERS).join(', ')}, zoning_rules
environment: DATABASE_URL (PostgreSQL; else the embedded database in PELAK_DATA_DIR), PELAK_SRID`;

export interface CliIo {
	out: (line: string) => void;
	err: (line: string) => void;
	env?: NodeJS.ProcessEnv;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

class UsageError extends Error {}

const OPTIONS = {
	layer: { type: 'string' },
	srs: { type: 'string' },
	map: { type: 'string', multiple: true },
	replace: { type: 'boolean' },
	table: { type: 'string' },
	encoding: { type: 'string' },
	'effective-from': { type: 'string' },
	title: { type: 'string' },
	source: { type: 'string' },
	parcels: { type: 'string' },
	help: { type: 'boolean', short: 'h' }
} as const;

/** Runs one command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
	try {
		const [command = 'help', ...rest] = argv;
		let parsed;
		try {
			parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
		} catch (err) {
			throw new UsageError((err as Error).message);
		}
		const { values, positionals } = parsed;
		if (values.help || command === 'help' || command === '--help' || command === '-h') {
			io.out(HELP);
			return 0;
		}
		const allowed: Record<string, string[]> = {
			migrate: [],
			import: ['layer', 'srs', 'map', 'replace', 'table', 'encoding', 'effective-from', 'title', 'source'],
			export: ['layer'],
			sample: ['parcels']
		};
		if (!allowed[command]) throw new UsageError(`unknown command "${command}"`);
		const stray = Object.keys(values).filter((k) => !allowed[command].includes(k));
		if (stray.length) throw new UsageError(`${command} takes no --${stray[0]}`);
		const wantPositionals = command === 'import' || command === 'export' ? 1 : 0;
		if (positionals.length !== wantPositionals) {
			throw new UsageError(wantPositionals ? `${command} needs exactly one file` : `${command} takes no file`);
		}
		if ((command === 'import' || command === 'export') && !values.layer) throw new UsageError(`${command} needs --layer <layer>`);
		const rules = values.layer === RULES_LAYER;
		if (command === 'import') checkImportOptions(rules, values);
		const parcels = values.parcels === undefined ? undefined : Number(values.parcels);
		if (parcels !== undefined && !(Number.isInteger(parcels) && parcels > 0)) {
			throw new UsageError(`--parcels must be a positive whole number, got "${values.parcels}"`);
		}

		const config = loadConfig(io.env ?? process.env);
		const database = await openDatabase(config);
		try {
			const { applied } = await migrate(database.db, config.migrationsDir, config.srid);
			if (command === 'migrate') {
				io.out(applied.length ? `مهاجرت‌های اجرا شده / applied: ${applied.join(', ')}` : 'پایگاه داده به‌روز است / nothing to apply: the database is up to date');
				return 0;
			}
			if (command === 'import' && rules) {
				const report = await importRuleBook(database.db, {
					file: positionals[0],
					effectiveFrom: values['effective-from']!,
					title: values.title,
					source: values.source,
					map: values.map ?? [],
					sheet: values.table
				});
				io.out(formatRuleBookReport(report));
				return 0;
			}
			if (command === 'import') {
				const report = await importLayer(database.db, {
					file: positionals[0],
					layer: values.layer!,
					srs: values.srs,
					map: values.map ?? [],
					replace: values.replace ?? false,
					table: values.table,
					encoding: values.encoding,
					srid: config.srid
				});
				io.out(formatImportReport(report));
				return 0;
			}
			if (command === 'export') {
				const report = await exportLayer(database.db, { layer: values.layer!, file: positionals[0] });
				io.out(`${report.features} عارضه در ${report.file} نوشته شد / ${report.features} features written to ${report.file} (${(report.elapsedMs / 1000).toFixed(1)} s)`);
				return 0;
			}
			return await sample(database, parcels ?? (config.sampleParcels || DEFAULT_SAMPLE_PARCELS), config.srid, io);
		} finally {
			await database.close();
		}
	} catch (err) {
		if (err instanceof UsageError) {
			io.err(`خطا / error: ${err.message}\nراهنما / help: npm run gis -- help`);
			return 2;
		}
		if (err instanceof NothingImportedError) {
			const report = err.report as ImportReport | RuleBookImportReport;
			io.out(report.layer === RULES_LAYER ? formatRuleBookReport(report as RuleBookImportReport) : formatImportReport(report as ImportReport));
		}
		if (err instanceof DomainError) {
			io.err(`خطا: ${err.messages.fa}\nerror: ${err.messages.en}`);
			return 1;
		}
		io.err(`خطا / error: ${err instanceof Error ? err.message : String(err)}`);
		return 1;
	}
}

const RULES_LAYER = 'zoning_rules';

/** A rule book is a table with an effective date; a city layer is geometry with a CRS. */
function checkImportOptions(rules: boolean, values: Record<string, unknown>) {
	if (rules && !values['effective-from']) {
		throw new UsageError('--layer zoning_rules needs --effective-from <date>: the day the rule book takes effect (2025-03-21 or 1404/01/01)');
	}
	const wrong = rules ? ['srs', 'replace', 'encoding'] : ['effective-from', 'title', 'source'];
	const stray = wrong.find((k) => values[k] !== undefined);
	if (stray) throw new UsageError(rules ? `a rule book takes no --${stray}` : `--${stray} is only for --layer zoning_rules`);
}

async function sample(database: Database, parcels: number, srid: number, io: CliIo): Promise<number> {
	const { hasParcels, loadSampleCity } = await import('./sample-city/index');
	if (await hasParcels(database.db)) {
		io.err(
			'خطا: پایگاه داده از پیش پلاک دارد؛ شهر نمونه فقط در پایگاه دادهٔ خالی بارگذاری می‌شود.\n' +
				'error: the database already has parcels; the sample city loads only into an empty database.'
		);
		return 1;
	}
	const started = Date.now();
	io.out(`بارگذاری شهر نمونه / loading the SAMPLE city (${parcels} parcels)…`);
	const counts = await loadSampleCity(database.db, { parcels, srid, onProgress: (message) => io.out(message) });
	io.out(`انجام شد / done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
	return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = await main(process.argv.slice(2));
}
