/** The machine a benchmark ran on, for the report header. */
import os from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
  };
}

export function machineLine(info: MachineInfo): string {
  return `Machine: ${info.cores} cores (nproc), ${info.cpuModel}, Node ${info.node}, ${info.date}`;
}
