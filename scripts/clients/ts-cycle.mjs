// Drive akmock and the reference oracle with authentik's own TypeScript client
// (@goauthentik/api 2025.6.4-1755003758) and compare every answer.
//
//   node cycle.mjs [AKMOCK_BASE] [ORACLE_READ_BASE] [ORACLE_WRITE_BASE]
//   defaults: http://127.0.0.1:9300 http://127.0.0.1:9101 http://127.0.0.1:9301
//
// Phase "read"  : read-only calls, akmock vs ORACLE_READ (never written to).
// Phase "write" : full create/read/update/patch/delete/used_by cycle plus refusals,
//                 akmock (reset first) vs ORACLE_WRITE (must be freshly started).
// For each step: the client call must succeed (and the FromJSON decoders run) or
// throw ResponseError; status and raw body bytes must equal the oracle's (pks of
// stages created during the run are normalised to <new-N>).
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
const require = createRequire(import.meta.url);
const ak = require('@goauthentik/api');

const AK = process.argv[2] || 'http://127.0.0.1:9300';
const ORR = process.argv[3] || 'http://127.0.0.1:9101';
const ORW = process.argv[4] || 'http://127.0.0.1:9301';
const TOKEN = 'akmock-token';
const VERBOSE = !!process.env.VERBOSE;

let failures = 0, passes = 0;
const notes = { autocompleteMissing: 0, empty405: 0 };
const discrepancies = [];
function fail(step, msg) { failures++; discrepancies.push(`${step}: ${msg}`); console.log(`FAIL ${step}: ${msg}`); }

function client(base, token = TOKEN, extra = {}) {
  const rec = { last: null, all: [] };
  const fetchApi = async (url, init) => {
    const res = await fetch(url, init);
    const text = await res.clone().text();
    rec.last = { url, method: init.method, reqBody: init.body, status: res.status, ctype: res.headers.get('content-type'), text };
    rec.all.push(rec.last);
    return res;
  };
  const cfg = new ak.Configuration({ basePath: base + '/api/v3', fetchApi, ...(token !== null ? { accessToken: token } : {}), ...extra });
  return { api: new ak.StagesApi(cfg), rec, base };
}

const ENUMS = {
  network: Object.values(ak.NetworkBindingEnum), geoip: Object.values(ak.GeoipBindingEnum),
  designation: Object.values(ak.FlowDesignationEnum), pem: Object.values(ak.PolicyEngineMode),
  layout: Object.values(ak.FlowLayoutEnum), denied: Object.values(ak.DeniedActionEnum), action: Object.values(ak.UsedByActionEnum),
};
const UNKNOWN = '11184809';

// structural checks of decoded values (what the generated FromJSON produced)
function checkStage(step, s, raw) {
  if (!ak.instanceOfUserLoginStage(s)) return fail(step, `decoded stage misses required props: ${JSON.stringify(s)}`);
  for (const k of ['pk', 'name', 'component', 'verboseName', 'verboseNamePlural', 'metaModelName', 'sessionDuration', 'rememberMeOffset'])
    if (typeof s[k] !== 'string') fail(step, `stage.${k} not a string: ${JSON.stringify(s[k])}`);
  if (typeof s.terminateOtherSessions !== 'boolean') fail(step, `terminateOtherSessions not boolean`);
  if (!ENUMS.network.includes(s.networkBinding) || s.networkBinding === UNKNOWN) fail(step, `networkBinding ${s.networkBinding}`);
  if (!ENUMS.geoip.includes(s.geoipBinding) || s.geoipBinding === UNKNOWN) fail(step, `geoipBinding ${s.geoipBinding}`);
  if (!Array.isArray(s.flowSet)) fail(step, 'flowSet not an array');
  for (const f of s.flowSet || []) {
    if (!ak.instanceOfFlowSet(f)) fail(step, `flow_set entry misses required props ${JSON.stringify(f)}`);
    if (!ENUMS.designation.includes(f.designation)) fail(step, `designation ${f.designation}`);
    if (!ENUMS.pem.includes(f.policyEngineMode)) fail(step, `policyEngineMode ${f.policyEngineMode}`);
    if (!ENUMS.layout.includes(f.layout)) fail(step, `layout ${f.layout}`);
    if (!ENUMS.denied.includes(f.deniedAction)) fail(step, `deniedAction ${f.deniedAction}`);
    if (typeof f.compatibilityMode !== 'boolean') fail(step, 'compatibilityMode not boolean');
  }
  if (s.rememberDevice !== undefined) fail(step, `remember_device present (${s.rememberDevice}) but authentik 2025.6.4 has no such field`);
  if (raw) {
    // round trip: decoded -> ToJSON -> must equal the writable part of the raw JSON
    const back = JSON.parse(JSON.stringify(ak.UserLoginStageToJSON(s)));
    const want = {};
    for (const k of Object.keys(back)) want[k] = raw[k];
    // FlowSetToJSON keeps only the writable flow fields
    if (Array.isArray(back.flow_set)) want.flow_set = raw.flow_set.map((f, i) => Object.fromEntries(Object.keys(back.flow_set[i] || {}).map(k => [k, f[k]])));
    try { assert.deepEqual(back, want); } catch { fail(step, `round trip differs: ${JSON.stringify(back)} vs ${JSON.stringify(want)}`); }
    const keys = Object.keys(raw);
    const expect = ['pk', 'name', 'component', 'verbose_name', 'verbose_name_plural', 'meta_model_name', 'flow_set', 'session_duration', 'terminate_other_sessions', 'remember_me_offset', 'network_binding', 'geoip_binding'];
    try { assert.deepEqual(keys, expect); } catch { fail(step, `stage keys ${keys}`); }
  }
}
function checkPage(step, p, raw) {
  // The npm build (generated from authentik's main branch on 2025-08-12) declares `autocomplete`
  // required; authentik 2025.6.4 never sends it (nor does the oracle). FromJSON leaves it undefined.
  if (!p.pagination || !Array.isArray(p.results)) return fail(step, 'page misses pagination/results');
  if (p.autocomplete !== undefined) fail(step, 'autocomplete present: authentik 2025.6.4 has no such key');
  if (!ak.instanceOfPaginatedUserLoginStageList(p)) notes.autocompleteMissing++;
  if (!ak.instanceOfPagination(p.pagination)) fail(step, 'pagination misses props');
  for (const k of ['next', 'previous', 'count', 'current', 'totalPages', 'startIndex', 'endIndex'])
    if (typeof p.pagination[k] !== 'number') fail(step, `pagination.${k} not number: ${p.pagination[k]}`);
  if (p.results.length !== raw.results.length) fail(step, 'results length');
  p.results.forEach((s, i) => checkStage(step + `[${i}]`, s, raw.results[i]));
}
function checkUsedBy(step, list) {
  if (!Array.isArray(list)) return fail(step, 'used_by not an array');
  for (const u of list) {
    if (!ak.instanceOfUsedBy(u)) fail(step, `used_by entry misses props ${JSON.stringify(u)}`);
    if (!ENUMS.action.includes(u.action)) fail(step, `action ${u.action}`);
  }
}
function checkErrorBody(step, status, text) {
  // authentik 2025.6 answers unhandled write exceptions with an empty-bodied 405 (oracle README)
  if (status === 405 && text === '') { notes.empty405++; return; }
  let j;
  try { j = JSON.parse(text); } catch { return fail(step, `error body is not JSON: ${text}`); }
  if (status === 400) {
    const v = ak.ValidationErrorFromJSON(j);
    if (typeof j !== 'object' || Array.isArray(j)) fail(step, '400 body not an object');
    for (const [k, val] of Object.entries(j)) if (!Array.isArray(val) || !val.every(x => typeof x === 'string')) fail(step, `400 field ${k} not list of strings`);
    void v;
  } else {
    const g = ak.GenericErrorFromJSON(j);
    if (!ak.instanceOfGenericError(g)) fail(step, `${status} body is not a GenericError: ${text}`);
  }
}

// call fn on a client, return normalised outcome
async function outcome(c, fn) {
  c.rec.last = null;
  try {
    const v = await fn(c.api);
    const l = c.rec.last;
    return { ok: true, value: v, status: l.status, text: l.text, ctype: l.ctype, url: l.url };
  } catch (e) {
    if (e instanceof ak.ResponseError) {
      const text = await e.response.text();
      return { ok: false, err: 'ResponseError', status: e.response.status, text, ctype: e.response.headers.get('content-type'), url: c.rec.last?.url };
    }
    return { ok: false, err: `${e.name}: ${e.message}`, status: c.rec.last?.status, text: c.rec.last?.text, url: c.rec.last?.url };
  }
}

// oracle README relaxations: flow_set is a set, used_by flows a multiset, binding pks masked,
// ties of the ordering in any order.
let relaxed = 0;
const ORDER_FIELDS = ['pk', 'name', 'flow_set', 'session_duration', 'terminate_other_sessions', 'remember_me_offset', 'network_binding', 'geoip_binding'];
function orderingTerms(url) {
  const u = new URL(url);
  const raw = u.searchParams.get('ordering');
  let terms = raw == null ? [] : raw.split(',').map(t => t.trim()).filter(t => ORDER_FIELDS.includes(t.replace(/^-/, '')));
  if (!terms.length) terms = ['name'];
  return terms.map(t => t.replace(/^-/, ''));
}
function canonStage(s) { if (s && Array.isArray(s.flow_set)) s.flow_set = [...s.flow_set].sort((x, y) => x.pk < y.pk ? -1 : 1); return s; }
function canon(text, url) {
  let v; try { v = JSON.parse(text); } catch { return text; }
  if (Array.isArray(v) && v.length && v[0].app !== undefined) {
    v = v.map(u => u.model_name === 'flowstagebinding' ? { ...u, pk: '<binding>' } : u);
    v.sort((x, y) => (x.model_name + '|' + x.pk + '|' + x.name) < (y.model_name + '|' + y.pk + '|' + y.name) ? -1 : 1);
  } else if (v && v.results) {
    v.results.forEach(canonStage);
    const terms = orderingTerms(url);
    const key = s => JSON.stringify(terms.map(t => t === 'pk' ? s.pk : s[t]));
    const runs = []; for (const s of v.results) { const k = key(s); if (runs.length && runs.at(-1).k === k) runs.at(-1).items.push(s); else runs.push({ k, items: [s] }); }
    v.results = runs.flatMap(r => r.items.sort((x, y) => x.pk < y.pk ? -1 : 1));
  } else if (v && v.flow_set) canonStage(v);
  return JSON.stringify(v);
}
function canonEqual(a, b, url) { return canon(a, url) === canon(b, url); }

function normaliser() {
  const map = new Map(); let n = 0;
  return {
    add(pk) { if (pk && !map.has(pk)) map.set(pk, `<new-${++n}>`); },
    apply(s) { if (s == null) return s; for (const [k, v] of map) s = s.split(k).join(v); return s; },
  };
}

async function step(name, kind, fnA, fnO, ctx) {
  const a = await outcome(ctx.A, fnA);
  const o = ctx.O ? await outcome(ctx.O, fnO || fnA) : null;
  if (/^create/.test(name) && a.ok) ctx.nA.add(a.value.pk);
  if (/^create/.test(name) && o && o.ok) ctx.nO.add(o.value.pk);
  let bad = false;
  if (!a.ok && a.err !== 'ResponseError') { fail(name, `client error on akmock: ${a.err} (status ${a.status}, body ${a.text?.slice(0, 300)})`); bad = true; }
  if (o && !o.ok && o.err !== 'ResponseError') { fail(name, `client error on oracle: ${o.err} (status ${o.status}, body ${o.text?.slice(0, 300)})`); }
  if (o) {
    const ta = ctx.nA.apply(a.text), to = ctx.nO.apply(o.text);
    if (a.status !== o.status) { fail(name, `status akmock ${a.status} oracle ${o.status}; akmock body ${ta?.slice(0, 300)} | oracle body ${to?.slice(0, 300)}`); bad = true; }
    else if (ta !== to && canonEqual(ta, to, a.url)) { relaxed++; if (VERBOSE) console.log(`relaxed ${name}`); }
    else if (ta !== to) { fail(name, `body differs (status ${a.status}):\n   akmock: ${ta?.slice(0, 400)}\n   oracle: ${to?.slice(0, 400)}`); bad = true; }
    if (a.ctype !== o.ctype) { fail(name, `content-type akmock ${a.ctype} oracle ${o.ctype}`); bad = true; }
  }
  if (a.ok && a.status !== 204) {
    const raw = JSON.parse(a.text);
    if (kind === 'stage') checkStage(name, a.value, raw);
    else if (kind === 'page') checkPage(name, a.value, raw);
    else if (kind === 'usedby') checkUsedBy(name, a.value);
  }
  if (!a.ok && a.err === 'ResponseError') checkErrorBody(name, a.status, a.text);
  if (!bad) passes++;
  if (VERBOSE || bad) console.log(`${bad ? '  ' : 'ok  '}${name}: ${a.status} ${a.ok ? 'decoded' : a.err} ${a.text?.slice(0, 160)}`);
  return { a, o };
}

async function reset(base) {
  const r = await fetch(base + '/_akmock/reset', { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN } });
  if (r.status >= 300) throw new Error('reset failed ' + r.status);
}

async function readPhase() {
  console.log(`== read phase: akmock ${AK} vs oracle ${ORR}`);
  await reset(AK);
  const ctx = { A: client(AK), O: client(ORR), nA: normaliser(), nO: normaliser() };
  const L = (name, params) => step(name, 'page', api => api.stagesUserLoginList(params), null, ctx);
  const first = await L('list default', {});
  const all = first.a.value.results;
  await L('list page_size=5 page=2', { page: 2, pageSize: 5 });
  await L('list page_size=7 page=4 (last, partial)', { page: 4, pageSize: 7 });
  await L('list page_size=1 page=25', { page: 25, pageSize: 1 });
  await L('list page_size=1000', { pageSize: 1000 });
  await L('list invalid page 999', { page: 999 });
  await L('list invalid page 0', { page: 0 });
  await L('list invalid page -1', { page: -1 });
  await L('list page "abc" (untyped JS)', { page: 'abc' });
  await L('list page "last"', { page: 'last' });
  await L('list page_size 0', { pageSize: 0 });
  await L('list page_size -3', { pageSize: -3 });
  await L('list page_size "x"', { pageSize: 'x' });
  await L('list page 2.5', { page: 2.5 });
  await L('list name exact', { name: all[0].name });
  await L('list name none', { name: 'no-such-stage' });
  await L('list search dev', { search: 'dev' });
  await L('list search café (case-insensitive unicode)', { search: 'café' });
  await L('list search CAFÉ', { search: 'CAFÉ' });
  await L('list search with comma', { search: 'a,b' });
  await L('list search two words', { search: 'default login' });
  await L('list search empty', { search: '' });
  for (const g of ['no_binding', 'bind_continent', 'bind_continent_country', 'bind_continent_country_city'])
    await L(`list geoip_binding=${g}`, { geoipBinding: g });
  for (const n of ['no_binding', 'bind_asn', 'bind_asn_network', 'bind_asn_network_ip'])
    await L(`list network_binding=${n}`, { networkBinding: n });
  await L('list network_binding bad choice', { networkBinding: 'xx' });
  await L('list geoip_binding bad choice', { geoipBinding: 'yy' });
  await L('list session_duration days=7', { sessionDuration: 'days=7' });
  await L('list session_duration seconds=0', { sessionDuration: 'seconds=0' });
  await L('list remember_me_offset weeks=4', { rememberMeOffset: 'weeks=4' });
  await L('list remember_device (2025.8 param, unknown to 2025.6)', { rememberDevice: 'days=30' });
  await L('list terminate_other_sessions=true', { terminateOtherSessions: true });
  await L('list terminate_other_sessions=false', { terminateOtherSessions: false });
  await L('list terminate_other_sessions="maybe"', { terminateOtherSessions: 'maybe' });
  await L('list stage_uuid match', { stageUuid: all[3].pk });
  await L('list stage_uuid uppercase', { stageUuid: all[3].pk.toUpperCase() });
  await L('list stage_uuid unknown', { stageUuid: '00000000-0000-4000-8000-000000000000' });
  await L('list stage_uuid malformed', { stageUuid: 'not-a-uuid' });
  for (const o of ['name', '-name', 'session_duration', '-remember_me_offset', 'terminate_other_sessions', 'network_binding,-name', 'geoip_binding', '-pk', 'stage_uuid', 'component', 'bogus', 'name,bogus', '', '-'])
    await L(`list ordering=${JSON.stringify(o)}`, { ordering: o });
  await L('list every parameter at once', {
    geoipBinding: all[0].geoipBinding, name: all[0].name, networkBinding: all[0].networkBinding, ordering: '-name', page: 1, pageSize: 10,
    rememberMeOffset: all[0].rememberMeOffset, search: all[0].name.slice(0, 3), sessionDuration: all[0].sessionDuration,
    stageUuid: all[0].pk, terminateOtherSessions: all[0].terminateOtherSessions,
  });
  await L('list combined filters no match + page 2', { terminateOtherSessions: true, networkBinding: 'no_binding', page: 2 });
  // every stage: retrieve and used_by
  const big = (await ctx.A.api.stagesUserLoginList({ pageSize: 1000 })).results;
  for (const s of big) {
    await step(`retrieve ${s.pk}`, 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: s.pk }), null, ctx);
    await step(`used_by ${s.pk}`, 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: s.pk }), null, ctx);
  }
  const unk = '00000000-0000-4000-8000-000000000000';
  await step('retrieve unknown uuid', 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: unk }), null, ctx);
  await step('retrieve malformed uuid', 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: 'nope' }), null, ctx);
  await step('retrieve uppercase uuid', 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: big[0].pk.toUpperCase() }), null, ctx);
  await step('retrieve uuid without dashes', 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: big[0].pk.replace(/-/g, '') }), null, ctx);
  await step('used_by unknown uuid', 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: unk }), null, ctx);
  await step('used_by malformed uuid', 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: 'nope' }), null, ctx);
  // auth refusals
  for (const [label, tok, extra] of [['bad token', 'wrong-token', {}], ['no token', null, {}], ['Basic scheme', null, { headers: { Authorization: 'Basic Zm9vOmJhcg==' } }], ['Bearer empty', null, { headers: { Authorization: 'Bearer ' } }], ['Bearer two words', null, { headers: { Authorization: 'Bearer a b' } }]]) {
    const c2 = { ...ctx, A: client(AK, tok, extra), O: client(ORR, tok, extra) };
    await step(`${label}: list`, 'page', api => api.stagesUserLoginList({}), null, c2);
    await step(`${label}: retrieve`, 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: big[0].pk }), null, c2);
    await step(`${label}: used_by`, 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: big[0].pk }), null, c2);
    await step(`${label}: retrieve unknown`, 'stage', api => api.stagesUserLoginRetrieve({ stageUuid: unk }), null, c2);
    await step(`${label}: list invalid page`, 'page', api => api.stagesUserLoginList({ page: 99 }), null, c2);
  }
}

async function writePhase() {
  console.log(`== write phase: akmock ${AK} (reset) vs oracle ${ORW} (must be freshly started)`);
  await reset(AK);
  const ctx = { A: client(AK), O: client(ORW), nA: normaliser(), nO: normaliser() };
  const S = (name, fn) => step(name, 'stage', fn, null, ctx);
  const created = [];
  // Step with pk of a created stage: use each server's own pk
  const SP = async (name, kind, idx, fn) => step(name, kind, api => fn(api, created[idx].a), api => fn(api, created[idx].o), ctx);

  const r1 = await S('create minimal', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-client-1' } }));
  created.push({ a: r1.a.value?.pk, o: r1.o.value?.pk });
  const full = { name: 'ts-client-2 Ü', sessionDuration: 'hours=2;minutes=30', terminateOtherSessions: true, rememberMeOffset: 'days=14', networkBinding: 'bind_asn_network', geoipBinding: 'bind_continent_country_city' };
  const r2 = await S('create full', api => api.stagesUserLoginCreate({ userLoginStageRequest: full }));
  created.push({ a: r2.a.value?.pk, o: r2.o.value?.pk });
  // values round-trip
  if (r2.a.ok) for (const [k, v] of Object.entries(full)) if (r2.a.value[k] !== v) fail('create full round trip', `${k}: sent ${v} got ${r2.a.value[k]}`);
  await S('create duplicate name', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-client-1' } }));
  await S('create duplicate fixture name', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: '10, dev' } }));
  await S('create blank name', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: '' } }));
  await S('create whitespace name', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: '   ' } }));
  await S('create name missing', api => api.stagesUserLoginCreate({ userLoginStageRequest: {} }));
  await S('create name null', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: null } }));
  await S('create name number', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 42 } }));
  await S('create bad session_duration', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-1', sessionDuration: 'foo' } }));
  await S('create bad session_duration unit', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-1', sessionDuration: 'fortnights=1' } }));
  await S('create empty session_duration', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-1', sessionDuration: '' } }));
  await S('create bad remember_me_offset', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-2', rememberMeOffset: 'bogus' } }));
  await S('create bad network_binding', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-3', networkBinding: 'xx' } }));
  await S('create bad geoip_binding', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-4', geoipBinding: '' } }));
  await S('create bad terminate_other_sessions', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-bad-5', terminateOtherSessions: 'maybe' } }));
  await S('create several errors at once', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: '', sessionDuration: 'x', rememberMeOffset: 'y', networkBinding: 'z', geoipBinding: 'w', terminateOtherSessions: 'q' } }));
  await S('create duplicate + bad duration', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-client-1', sessionDuration: 'x' } }));
  await S('create with remember_device (2025.8 field)', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-client-rd', rememberDevice: 'days=30' } }))
    .then(r => created.push({ a: r.a.value?.pk, o: r.o.value?.pk }));
  await S('create with flowSet []', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'ts-client-fs', flowSet: [] } }))
    .then(r => created.push({ a: r.a.value?.pk, o: r.o.value?.pk }));

  await SP('retrieve created', 'stage', 0, (api, pk) => api.stagesUserLoginRetrieve({ stageUuid: pk }));
  await SP('used_by created (empty)', 'usedby', 0, (api, pk) => api.stagesUserLoginUsedByList({ stageUuid: pk }));
  await step('list search ts-client', 'page', api => api.stagesUserLoginList({ search: 'ts-client' }), null, ctx);
  await step('list all after creates', 'page', api => api.stagesUserLoginList({}), null, ctx);
  const upd = { name: 'ts-client-1 renamed', sessionDuration: 'minutes=5', terminateOtherSessions: true, rememberMeOffset: 'seconds=0', networkBinding: 'no_binding', geoipBinding: 'bind_continent' };
  const u = await SP('update (PUT) full', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: upd }));
  if (u.a.ok) for (const [k, v] of Object.entries(upd)) if (u.a.value[k] !== v) fail('update round trip', `${k}: sent ${v} got ${u.a.value[k]}`);
  await SP('update (PUT) only name: others keep values', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: { name: 'ts-client-1 again' } }));
  await SP('update (PUT) same name (self)', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: { name: 'ts-client-1 again' } }));
  await SP('update (PUT) missing name', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: { sessionDuration: 'days=1' } }));
  await SP('update (PUT) duplicate name', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: { name: 'ts-client-2 Ü' } }));
  await SP('update (PUT) bad duration', 'stage', 0, (api, pk) => api.stagesUserLoginUpdate({ stageUuid: pk, userLoginStageRequest: { name: 'x', sessionDuration: 'days' } }));
  await SP('patch session_duration', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { sessionDuration: 'weeks=1;days=2' } }));
  await SP('patch empty body {}', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: {} }));
  await SP('patch no body (undefined)', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk }));
  await SP('patch bool+enums', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { terminateOtherSessions: false, networkBinding: 'bind_asn', geoipBinding: 'no_binding' } }));
  await SP('patch blank name', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { name: '' } }));
  await SP('patch duplicate name', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { name: '10, dev' } }));
  await SP('patch bad choice', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { geoipBinding: 'bind_planet' } }));
  await SP('patch bad offset', 'stage', 0, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { rememberMeOffset: 'hours=x' } }));
  await SP('retrieve after patches', 'stage', 0, (api, pk) => api.stagesUserLoginRetrieve({ stageUuid: pk }));
  const unk = '00000000-0000-4000-8000-000000000000';
  await S('update unknown uuid', api => api.stagesUserLoginUpdate({ stageUuid: unk, userLoginStageRequest: { name: 'z' } }));
  await S('patch unknown uuid', api => api.stagesUserLoginPartialUpdate({ stageUuid: unk, patchedUserLoginStageRequest: { name: 'z' } }));
  await S('update unknown uuid with bad body', api => api.stagesUserLoginUpdate({ stageUuid: unk, userLoginStageRequest: { name: '' } }));
  await step('destroy unknown uuid', 'none', api => api.stagesUserLoginDestroy({ stageUuid: unk }), null, ctx);
  await step('destroy malformed uuid', 'none', api => api.stagesUserLoginDestroy({ stageUuid: 'zzz' }), null, ctx);
  // auth refusals on writes
  const bad = { ...ctx, A: client(AK, 'wrong'), O: client(ORW, 'wrong') };
  await step('bad token: create', 'stage', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: 'nope' } }), null, bad);
  await step('bad token: create invalid body', 'stage', api => api.stagesUserLoginCreate({ userLoginStageRequest: { name: '' } }), null, bad);
  await step('bad token: update', 'stage', api => api.stagesUserLoginUpdate({ stageUuid: created[0].a, userLoginStageRequest: { name: 'nope' } }), api => api.stagesUserLoginUpdate({ stageUuid: created[0].o, userLoginStageRequest: { name: 'nope' } }), bad);
  await step('bad token: patch', 'stage', api => api.stagesUserLoginPartialUpdate({ stageUuid: created[0].a, patchedUserLoginStageRequest: {} }), api => api.stagesUserLoginPartialUpdate({ stageUuid: created[0].o, patchedUserLoginStageRequest: {} }), bad);
  await step('bad token: destroy', 'none', api => api.stagesUserLoginDestroy({ stageUuid: created[0].a }), api => api.stagesUserLoginDestroy({ stageUuid: created[0].o }), bad);
  // deletes
  for (let i = 0; i < created.length; i++) {
    if (!created[i].a || !created[i].o) continue;
    await SP(`destroy created #${i}`, 'none', i, (api, pk) => api.stagesUserLoginDestroy({ stageUuid: pk }));
    await SP(`retrieve destroyed #${i}`, 'stage', i, (api, pk) => api.stagesUserLoginRetrieve({ stageUuid: pk }));
    await SP(`used_by destroyed #${i}`, 'usedby', i, (api, pk) => api.stagesUserLoginUsedByList({ stageUuid: pk }));
    await SP(`destroy again #${i}`, 'none', i, (api, pk) => api.stagesUserLoginDestroy({ stageUuid: pk }));
    await SP(`patch destroyed #${i}`, 'stage', i, (api, pk) => api.stagesUserLoginPartialUpdate({ stageUuid: pk, patchedUserLoginStageRequest: { name: 'q' } }));
  }
  // delete a fixture stage that is bound into flows, then look at the others
  const all = (await ctx.A.api.stagesUserLoginList({ pageSize: 1000 })).results;
  const bound = all.filter(s => s.flowSet.length > 0);
  for (const s of bound.slice(0, 3)) {
    await step(`used_by before destroy ${s.name}`, 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: s.pk }), null, ctx);
    await step(`destroy bound fixture stage ${s.name}`, 'none', api => api.stagesUserLoginDestroy({ stageUuid: s.pk }), null, ctx);
  }
  await step('list all after deletes', 'page', api => api.stagesUserLoginList({ pageSize: 1000 }), null, ctx);
  // rename a stage whose flows are shared, then check flow_set on others
  if (bound[3]) {
    await step(`patch bound stage name`, 'stage', api => api.stagesUserLoginPartialUpdate({ stageUuid: bound[3].pk, patchedUserLoginStageRequest: { name: 'renamed bound' } }), null, ctx);
    await step(`used_by bound after rename`, 'usedby', api => api.stagesUserLoginUsedByList({ stageUuid: bound[3].pk }), null, ctx);
  }
  await step('list final ordering=-name', 'page', api => api.stagesUserLoginList({ pageSize: 1000, ordering: '-name' }), null, ctx);
}

const phases = (process.env.PHASES || 'read,write').split(',');
if (phases.includes('read')) await readPhase();
if (phases.includes('write')) await writePhase();
console.log(`\n(${relaxed} answers equal only under the oracle's relaxations: flow_set/used_by order, binding pks, ordering ties)`);
console.log(`(${notes.autocompleteMissing} list pages lack the npm schema's required \`autocomplete\`, as authentik 2025.6.4 and the oracle do; FromJSON tolerates it)`);
console.log(`(${notes.empty405} refusals were 405 with an empty body, authentik 2025.6's write-side error handler; the client throws ResponseError)`);
console.log(`${passes} passed, ${failures} failed`);
if (discrepancies.length) { console.log('\nDiscrepancies:'); for (const d of discrepancies) console.log(' - ' + d); }
process.exit(failures ? 1 : 0);
