// ppl.mjs: perplexity of a GGUF model on a text, computed the way
// llama.cpp's tools/perplexity/perplexity.cpp does (GGUF.md §6-7.3), with
// node-llama-cpp 3.22.1 on the CPU.
//   node ppl.mjs MODEL TEXT N_CTX THREADS
// node-llama-cpp is found in $QEXPLAIN_NODE_MODULES (ES modules ignore
// NODE_PATH, so it is imported by file URL). Prints
// "Final estimate: PPL = X +/- Y" and one JSON line. Exit 2 on bad usage,
// 3 when the text is too short, 1 on evaluator errors.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [model, textPath, ctxArg, threadsArg] = process.argv.slice(2);
if (!model || !textPath || !ctxArg || !threadsArg) {
  console.error("usage: node ppl.mjs MODEL TEXT N_CTX THREADS");
  process.exit(2);
}
const nCtx = Number.parseInt(ctxArg, 10);
const threads = Number.parseInt(threadsArg, 10);
const mods = process.env.QEXPLAIN_NODE_MODULES;
if (!mods) {
  console.error("ppl.mjs: QEXPLAIN_NODE_MODULES is not set");
  process.exit(2);
}
const pkgDir = join(mods, "node-llama-cpp");
const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
const { getLlama } = await import(pathToFileURL(join(pkgDir, "dist", "index.js")).href);

const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const m = await llama.loadModel({ modelPath: model });
const context = await m.createContext({ contextSize: nCtx, batchSize: nCtx, threads });
const sequence = context.getSequence();

const text = readFileSync(textPath, "utf8");
let tokens = Array.from(m.tokenize(text));
const useBos = m.tokens.shouldPrependBosToken && m.tokens.bos != null;
if (useBos) tokens = [m.tokens.bos, ...tokens];
if (tokens.length < 2 * nCtx) {
  console.error(`ppl.mjs: the text has ${tokens.length} tokens; at least ${2 * nCtx} are needed`);
  process.exit(3);
}
const nChunk = Math.floor(tokens.length / nCtx);
const first = Math.floor(nCtx / 2);
let sum = 0, sum2 = 0, count = 0;
for (let c = 0; c < nChunk; c++) {
  const chunk = tokens.slice(c * nCtx, (c + 1) * nCtx);
  if (useBos) chunk[0] = m.tokens.bos;
  const items = chunk.map((t, i) =>
    i >= first && i <= nCtx - 2 ? [t, { generateNext: { logits: true } }] : t);
  const out = await sequence.controlledEvaluate(items);
  for (let i = first; i <= nCtx - 2; i++) {
    const logits = out[i].next.logits; // Map<token, logit> over the vocabulary
    let max = -Infinity;
    for (const l of logits.values()) if (l > max) max = l;
    let s = 0;
    for (const l of logits.values()) s += Math.exp(Math.fround(l - max));
    const target = logits.get(chunk[i + 1]);
    const nll = -((target - max) - Math.log(s));
    sum += nll;
    sum2 += nll * nll;
    count++;
  }
  await sequence.clearHistory();
}
const mean = sum / count;
const ppl = Math.exp(mean);
const err = count > 1 ? ppl * Math.sqrt(Math.max(0, sum2 / count - mean * mean) / (count - 1)) : 0;
console.log(`Final estimate: PPL = ${ppl.toFixed(4)} +/- ${err.toFixed(5)}`);
console.log(JSON.stringify({ ppl, err, n_tokens: tokens.length, n_chunk: nChunk, n_ctx: nCtx,
                             scored: count, node_llama_cpp: version }));
await context.dispose();
await m.dispose();
await llama.dispose();
