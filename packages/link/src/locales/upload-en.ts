// The upload step's words, in English only for now. They are not yet in `Messages` because every
// catalogue must translate every string (catalogues.test.ts) and each language file has a 1.5 kB
// budget that these would push fr, de, es and ar past (as the design branch's strings did): moving
// them in, translated, is the follow-up. Same `{placeholder}` form as the catalogue, filled by `fill`.

/** What the upload step says. */
export const UPLOAD_WORDS = {
  heading: "Upload your statements: {integration}",
  intro: "Upload your official bank statements ({types}), up to {megabytes} MB each.",
  drop: "Drag and drop statements here, or",
  choose: "Choose files",
  progress: "Uploading…",
  uploaded: "Uploaded statements",
  remove: "Remove {name}",
  size: "{kilobytes} kB",
  done: "Continue",
  none: "No statement uploaded yet.",
  /** Beside the step when a file is too large; a refused file shows the server's own reason instead. */
  tooLarge: "That file is too large. Upload a smaller statement.",
} as const;
