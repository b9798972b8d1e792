// The only file that calls `invoke`: every command the window uses, typed
// with the types generated from the Rust structs (./generated/api.ts).
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type {
  AboutView,
  ChartFormat,
  Comparison,
  ComparisonKind,
  Controls,
  Dashboard,
  DocView,
  ErrorView,
  FilePreview,
  ImportOutcome,
  ImportProgress,
  ImportRequest,
  PackProgress,
  PackRequest,
  PackResult,
  PeopleQuery,
  PeopleTable,
  ProblemView,
  ProblemsExport,
  StatusView,
  FrameworkChoice,
  ItemMarkRequest,
  SurveyItemView,
  TemplateRequest,
  TemplateWritten,
} from "./generated/api";

export type * from "./generated/api";

/// Every failure reaches the window as `{ code, message }`; anything else
/// (a bug, a lost connection) is turned into one.
export function asError(e: unknown): ErrorView {
  if (e && typeof e === "object" && "message" in e && "code" in e) return e as ErrorView;
  return { code: "internal", message: typeof e === "string" ? e : "Something went wrong. Try again." };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asError(e);
  }
}

export const status = () => call<StatusView>("status");
export const loadSample = () => call<StatusView>("load_sample");
/// `settle`: never the dashboard saved at an earlier launch (`provisional`);
/// wait for the one worked out from the data as it is now.
export const dashboard = (controls: Controls, settle = false) => call<Dashboard>("dashboard", { controls, settle });
export const comparison = (controls: Controls, kind: ComparisonKind) =>
  call<Comparison>("comparison", { controls, kind });
export const people = (controls: Controls, query: PeopleQuery) => call<PeopleTable>("people", { controls, query });
/// The survey items and their marks (reverse-coded, a numeric item's scale).
export const surveyItems = () => call<SurveyItemView[]>("survey_items");
/// Changes one item's marks; every number computed afterwards follows.
export const markSurveyItem = (request: ItemMarkRequest) => call<SurveyItemView>("mark_survey_item", { request });

export const previewFiles = (paths: string[]) => call<FilePreview[]>("preview_files", { paths });
export const previewFile = (path: string, kind: string | null, columns: Record<string, string> | null, sheet: string | null = null) =>
  call<FilePreview>("preview_file", { path, kind, columns, sheet });
export function importFiles(requests: ImportRequest[], onProgress: (p: ImportProgress) => void) {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return call<ImportOutcome[]>("import_files", { requests, onProgress: channel });
}
export const cancelImport = () => call<void>("cancel_import");
export const undoImport = (importId: number) => call<StatusView>("undo_import", { importId });
export const importProblems = (importId: number) => call<ProblemView[]>("import_problems", { importId });
export const exportProblems = (exp: ProblemsExport, path: string) =>
  call<string>("export_problems", { export: exp, path });

export function exportPack(controls: Controls, request: PackRequest, onProgress: (p: PackProgress) => void) {
  const channel = new Channel<PackProgress>();
  channel.onmessage = onProgress;
  return call<PackResult>("export_pack", { controls, request, onProgress: channel });
}
export const saveChart = (controls: Controls, chart: string, format: ChartFormat, path: string) =>
  call<string>("save_chart", { controls, chart, format, path });
/// Puts one chart on the system clipboard as a picture (drawn in Rust: the
/// webview has no clipboard permission).
export const copyChart = (controls: Controls, chart: string) => call<void>("copy_chart", { controls, chart });

export const about = () => call<AboutView>("about");
export const definitions = () => call<DocView>("definitions");

export const pickFiles = () => call<string[]>("pick_files");
export const pickFolder = (title: string) => call<string | null>("pick_folder", { title });
export const pickSavePath = (title: string, fileName: string, extension: string) =>
  call<string | null>("pick_save_path", { title, fileName, extension });

/// Files dropped on the window (Tauri's native drag-and-drop).
export async function onFileDrop(handlers: {
  over: (over: boolean) => void;
  drop: (paths: string[]) => void;
}): Promise<void> {
  await getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === "enter" || p.type === "over") handlers.over(true);
    else if (p.type === "leave") handlers.over(false);
    else if (p.type === "drop") {
      handlers.over(false);
      handlers.drop(p.paths);
    }
  });
}

export const skillFrameworks = () => call<FrameworkChoice[]>("skill_frameworks");
export const saveSkillsTemplate = (request: TemplateRequest, path: string) =>
  call<TemplateWritten>("save_skills_template", { request, path });
