import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PAGE_ANSWER_SCHEMAS } from "@/lib/wizard/runs/page-answer-schemas";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { SHIPPED_FIXTURES, shippedAnswers } from "./gather-from-fixture";

// A run saves page by page what the answers file holds whole: each page's schema, applied to its
// key of a shipped answers file, gives what the whole file's parse gives there.

describe("each page's answers schema", () => {
  for (const fixture of SHIPPED_FIXTURES) {
    it(`${fixture}: agrees with the answers file, page by page`, async () => {
      const file = JSON.parse(await readFile(`docs/answers/${fixture}.json`, "utf8"));
      const whole = await shippedAnswers(fixture);
      for (const page of ANSWER_PAGE_IDS) {
        const key = answersKeyOf(page);
        if (file[key] === undefined || file[key] === null) continue;
        expect(PAGE_ANSWER_SCHEMAS[page].parse(file[key]), page).toEqual(whole[key]);
      }
    });
  }
});
