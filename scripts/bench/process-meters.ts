/** What `node build` costs, read from /proc: its CPU time and its peak resident memory, whatever else runs on the machine. */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used so far, in ms: the server's cost per request, whatever else runs. */
export function cpuMs(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second).
		return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
	} catch {
		return 0;
	}
}

/** Peak resident memory of a process, polled from /proc. */
export class RssWatch {
	peakKb = 0;
	private timer: NodeJS.Timeout | undefined;
	constructor(private pid: number) {}
	private read(field: 'VmRSS' | 'VmHWM'): number {
		try {
			const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
			return Number(m?.[1] ?? 0);
		} catch {
			return 0;
		}
	}
	start() {
		this.peakKb = this.read('VmRSS');
		this.timer = setInterval(() => (this.peakKb = Math.max(this.peakKb, this.read('VmRSS'))), 100);
	}
	stop(): number {
		clearInterval(this.timer);
		this.peakKb = Math.max(this.peakKb, this.read('VmRSS'));
		return Math.round(this.peakKb / 1024);
	}
	hwmMb(): number {
		return Math.round(this.read('VmHWM') / 1024);
	}
}
