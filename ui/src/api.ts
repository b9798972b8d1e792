// The only file that calls `invoke`: every command the UI uses, typed.
import { invoke } from "@tauri-apps/api/core";

export interface ImportRecord {
  id: number;
  file_name: string;
  kind: string;
  shape: string;
  wave: string | null;
  rows_total: number;
  rows_imported: number;
  rows_skipped: number;
  rows_duplicate: number;
  imported_at: string;
}

export interface Status {
  people: number;
  pairings: number;
  meetings: number;
  survey_responses: number;
  survey_waves: string[];
  milestones: number;
  team_metric_rows: number;
  imports: ImportRecord[];
}

export interface UiError {
  code: string;
  message: string;
}

export const status = () => invoke<Status>("status");
export const loadSample = () => invoke<Status>("load_sample");
export const undoImport = (importId: number) => invoke<Status>("undo_import", { importId });
