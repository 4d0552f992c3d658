/**
 * `npm run audit:pack`: the active topic pack's provenance figures. Prints every provenance
 * problem (the messages the pack lint gives), a count per rule, the claim and source figures,
 * and a last line of one fixed shape:
 *   audit: claims=… unspecific=… multi_thin=… source_before_event=… url_share=… as_of_missing=…
 * Exits non-zero when any provenance rule fails, so it can gate a change. AUDIT_QUIET=1 leaves
 * out the per-problem lines.
 */
import { activePack } from '../src/pack/packs';
import { auditLine, auditProvenance, PROVENANCE_RULES_FAIL_BUILD } from '../src/pack/provenance';

const audit = auditProvenance(activePack);
if (!process.env.AUDIT_QUIET) for (const p of audit.problems) console.log(`  [${p.rule}] ${p.message}`);

const perRule = new Map<string, number>();
for (const p of audit.problems) perRule.set(p.rule, (perRule.get(p.rule) ?? 0) + 1);
const { facts, quotes, figures, events } = audit.claims;
console.log(`pack ${activePack.id} ${activePack.version}, data as of ${activePack.dataAsOf}`);
console.log(`claims: ${facts} facts, ${quotes} quotes, ${figures} figures, ${events} timeline events; ${audit.unverified} marked unverified`);
console.log(`sources: ${audit.sources}, ${Math.round(audit.urlShare * audit.sources)} with a URL or identifier, ${audit.uncited} cited by no claim`);
console.log(`quotes without context: ${audit.quotesWithoutContext}`);
console.log(`problems by rule: ${[...perRule].map(([rule, n]) => `${rule}=${n}`).join(' ') || 'none'}`);
console.log(`build ${PROVENANCE_RULES_FAIL_BUILD ? 'fails' : 'only warns'} on these rules`);
console.log(auditLine(audit));
process.exitCode = audit.problems.length > 0 ? 1 : 0;
