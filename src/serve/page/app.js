// The coordinator's desk (onedoor serve): the whole page, as one ES module.
//
// Plain JavaScript, no framework, no build step and nothing loaded from elsewhere: the
// binary serves this file as /static/app.js. The page talks only to the HTTP API of
// docs/serve.md. It is split into sections, each a group of functions:
//
//   1. words       every word the page shows, Chinese and English, and t() to pick one
//   2. dom         h() to build elements (text is always set as text, never as HTML)
//   3. api         fetch wrapper: CSRF header, language, errors as ApiError
//   4. formats     dates, times, numbers, department colours and short names
//   5. weeks data  a cache of weeks with indexes (inspectors, businesses, tasks by id)
//   6. router      #/ (weeks), #/week/W, #/plan/P, #/diff/P/Q; each view returns a stop()
//   7. weeks view  upload (drag and drop or file button) and the list of weeks
//   8. week view   stats (demand against officers), versions, plan button, what-if
//   9. plan view   progress while solving, then the board: figures, date tabs, timeline,
//                  map, visits, left-out tasks, change list, pins, hand-out links
//  10. edit        the visit dialog: move or re-crew by hand, checked at once, saved
//  11. re-plan     the change-a-fact dialog and POST /replan
//  12. what-if     variants side by side and the staffing curve
//  13. diff        two versions compared
//  14. charts      a small SVG line chart
//  15. login       the login page's few lines
//  16. start       language switch, who is logged in, first route

// ---------------------------------------------------------------------------------------
// 1. words
// ---------------------------------------------------------------------------------------

/** Every word on the page: key → [Chinese, English]. `{name}` marks a value put in. */
const WORDS = {
  appTitle: ["综合查一次 · 协调台", "One door · coordinator's desk"],
  skip: ["跳到正文", "Skip to content"],
  mainNav: ["主导航", "Main navigation"],
  navWeeks: ["周计划", "Weeks"],
  logout: ["退出登录", "Log out"],
  loading: ["正在加载…", "Loading…"],
  loginName: ["用户名", "User name"],
  loginPassword: ["密码", "Password"],
  loginSubmit: ["登录", "Log in"],
  loginFailed: ["用户名或密码不正确，请重试。", "Wrong name or password; please try again."],
  loginHint: ["账号由系统管理员用 onedoor user add 创建。", "Accounts are made by the administrator with onedoor user add."],
  langSwitch: ["English", "中文"],
  signedInAs: ["当前用户：{name}", "Signed in as {name}"],
  bureau: ["（{name}）", " ({name})"],
  // errors
  errorTitle: ["出错了", "Something went wrong"],
  errorNetwork: ["无法连接服务器：{msg}", "Cannot reach the server: {msg}"],
  errorStatus: ["服务器返回 {status}", "The server answered {status}"],
  notFound: ["找不到这一页（可能无权查看）。", "Not found (or not yours to see)."],
  tooLarge: ["文件太大，服务器不接受。", "The file is too large for the server."],
  place: ["位置", "Place"],
  message: ["说明", "Message"],
  code: ["代码", "Code"],
  // weeks view
  weeksTitle: ["周计划", "Weeks"],
  uploadTitle: ["上传一周的任务", "Upload a week"],
  uploadHelp: ["把填好的工作簿（.xlsx，用 onedoor template 生成）或场景文件（.json）拖到这里，或点击选择文件。", "Drop a filled workbook (.xlsx, made by onedoor template) or a scenario file (.json) here, or choose a file."],
  chooseFile: ["选择文件", "Choose file"],
  uploadName: ["名称（可不填）", "Name (optional)"],
  uploading: ["正在上传并检查 {name}…", "Uploading and checking {name}…"],
  uploadProblems: ["文件有 {n} 处问题，未保存。请改正下列位置（工作表!单元格）后重新上传：", "The file has {n} problem(s) and was not kept. Correct these places (sheet!cell) and upload again:"],
  uploadWarnings: ["提示", "Warnings"],
  uploadDone: ["已保存：{name}", "Kept: {name}"],
  noWeeks: ["还没有周计划。请先上传。", "No weeks yet. Upload one first."],
  colName: ["名称", "Name"],
  colDates: ["日期", "Dates"],
  colTasks: ["任务", "Tasks"],
  colInspectors: ["人员", "Officers"],
  colBusinesses: ["企业", "Businesses"],
  colPlans: ["方案数", "Plans"],
  colCreated: ["创建时间", "Created"],
  open: ["打开", "Open"],
  // week view
  weekTitle: ["周计划：{name}", "Week: {name}"],
  planTitle: ["排班", "Plan"],
  planStart: ["开始排班", "Make a plan"],
  timeLimit: ["最长计算时间", "Time limit"],
  seconds: ["{n} 秒", "{n} s"],
  statsTitle: ["本周概况", "This week"],
  sizeTasks: ["任务", "tasks"],
  sizeBusinesses: ["企业", "businesses"],
  sizeInspectors: ["人员", "officers"],
  sizeCertified: ["持证", "certified"],
  sizeDepartments: ["部门", "departments"],
  sizeNotJoinable: ["不可合并", "not joinable"],
  lowerBound: ["最少进门次数（下界）", "lower bound (visits)"],
  baseline: ["各部门单独检查的进门次数", "visits if each department went alone"],
  bestSaving: ["最多可减少", "best possible saving"],
  unschedulable: ["无法安排的任务（由事实决定）", "Tasks no plan can schedule (facts)"],
  tooLong: ["任务时长超过企业可检查的时段（或单次检查上限），任何检查都装不下", "longer than any visit there can last (opening hours or the visit limit)"],
  demandTitle: ["各部门每日需求与人力", "Demand against officers per department and date"],
  demandHelp: ["每格：需求（人·分钟，任务均摊到可安排日期）/ 当日可用人力（人·分钟），括号内为当日可用人数。红色：需求超过人力；橙色：超过八成。", "Each cell: demand (officer-minutes, tasks spread over their valid dates) / officer-minutes available that day, officers in brackets. Red: demand above supply; orange: above 80 %."],
  department: ["部门", "Department"],
  week: ["全周", "Week"],
  noWork: ["非工作日", "no work"],
  versionsTitle: ["方案版本", "Plan versions"],
  noVersions: ["还没有方案。", "No plans yet."],
  colVersion: ["版本", "Version"],
  colKind: ["类型", "Kind"],
  colState: ["状态", "State"],
  colValid: ["校验", "Check"],
  colVisits: ["进门次数", "Visits"],
  colLeftOut: ["未安排优先级", "Priority left out"],
  colCompare: ["比较", "Compare"],
  kind_plan: ["排班", "plan"],
  kind_replan: ["重排", "re-plan"],
  kind_edit: ["手工调整", "hand edit"],
  from: ["来自 {id}", "from {id}"],
  state_queued: ["排队中", "queued"],
  state_running: ["计算中", "running"],
  state_done: ["完成", "done"],
  state_failed: ["失败", "failed"],
  valid: ["有效", "valid"],
  invalid: ["无效", "invalid"],
  draft: ["草稿", "draft"],
  compareA: ["作为 A", "as A"],
  compareB: ["作为 B", "as B"],
  compareGo: ["比较 A 与 B", "Compare A with B"],
  compareNeedTwo: ["请选两个不同的版本。", "Choose two different versions."],
  // plan view: progress
  planOf: ["方案 {id}", "Plan {id}"],
  queued: ["排队等待计算…", "Waiting in the queue…"],
  ahead: ["（前面还有 {n} 个）", "({n} ahead)"],
  running: ["正在计算…", "Solving…"],
  stage: ["阶段：{stage}", "Stage: {stage}"],
  cancel: ["取消", "Cancel"],
  cancelled: ["已取消。", "Cancelled."],
  failed: ["计算失败：{msg}", "The plan failed: {msg}"],
  stage_queued: ["排队", "queued"],
  stage_start: ["开始", "starting"],
  "stage_keep-start": ["保留原有安排", "keeping the announced visits"],
  "stage_ilp-dates": ["选择日期（整数规划）", "choosing dates (integer programme)"],
  "stage_greedy-dates": ["选择日期（贪心）", "choosing dates (greedy)"],
  "stage_start-dates": ["从已有方案出发", "starting from a plan"],
  stage_crews: ["编组人员", "assigning crews"],
  stage_repair: ["修复", "repairing"],
  stage_polish: ["打磨", "polishing"],
  "stage_date-search": ["搜索更好的日期", "searching dates"],
  "stage_crew-search": ["搜索更好的编组", "searching crews"],
  "stage_route-search": ["优化检查路线", "improving routes"],
  stage_replan: ["重新排班", "re-planning"],
  stage_whatif: ["比较方案", "comparing variants"],
  // plan view: figures
  figVisits: ["进门次数", "visits"],
  figSaved: ["减少进门", "entries saved"],
  figScheduled: ["已安排任务", "tasks scheduled"],
  figLeftOut: ["未安排（优先级合计）", "left out (priority sum)"],
  figOfficerVisits: ["人次", "officer visits"],
  figTravel: ["路途分钟", "travel minutes"],
  figStatus: ["求解结果", "solver"],
  status_optimal: ["最优", "optimal"],
  status_feasible: ["可行（未证明最优）", "feasible (not proven optimal)"],
  status_time_limit: ["到时限停止", "stopped at the time limit"],
  status_edited: ["手工调整", "edited by hand"],
  gap: ["与下界差 {n} 次（{p}）", "{n} above the lower bound ({p})"],
  planInvalid: ["此方案违反 {n} 条规则（无效草稿），不能下发：", "This plan breaks {n} rule(s) (an invalid draft) and cannot be handed out:"],
  planValid: ["方案已通过校验。", "The plan passed the checker."],
  // board
  dates: ["日期", "Dates"],
  timelineTitle: ["人员日程", "Officers' day"],
  timelineLabel: ["{date} 人员日程，每行一名人员", "Officers' day on {date}, one row per officer"],
  certified: ["持证", "certified"],
  certifiedMark: ["证", "C"],
  notCertified: ["无执法证", "no certificate"],
  idle: ["当日无检查", "no visits this day"],
  mapTitle: ["地图", "Map"],
  mapNote: ["圆点：当日检查的企业（颜色为主办部门）；方块：人员出发地。点击人员姓名显示其路线。", "Dots: businesses visited this day (colour: lead department); squares: bases. Click an officer's name to see the route."],
  visitsTitle: ["检查安排（{date}）", "Visits ({date})"],
  noVisits: ["这一天没有检查。", "No visits this day."],
  colTime: ["时间", "Time"],
  colBusiness: ["企业", "Business"],
  colDepartments: ["部门", "Departments"],
  colCrew: ["检查人员", "Crew"],
  colPin: ["固定", "Pin"],
  colEdit: ["调整", "Adjust"],
  pin: ["固定", "Pin"],
  pinned: ["已固定", "Pinned"],
  pinHelp: ["固定的检查在重排时保持不变。", "Pinned visits stay exactly as they are in re-plans."],
  pinsSaved: ["已保存固定：{n} 个检查", "Pins saved: {n} visit(s)"],
  edit: ["调整", "Adjust"],
  unannounced: ["不事先告知", "unannounced"],
  leftOutTitle: ["未安排的任务（{n}）", "Tasks left out ({n})"],
  noLeftOut: ["所有任务都已安排。", "Every task is scheduled."],
  colTask: ["任务", "Task"],
  colPriority: ["优先级", "Priority"],
  colReason: ["原因", "Reason"],
  showMore: ["再显示 {n} 条", "Show {n} more"],
  reason_no_valid_day: ["没有可安排的日期（企业不营业、节假日或任务时间窗外）", "no valid date (business closed, holiday or outside the task's window)"],
  reason_no_officer: ["可安排的日期里没有足够的可用人员", "not enough available officers on any valid date"],
  reason_unreachable: ["人员无法到达该企业", "no officer can reach the business"],
  reason_capacity: ["本周人手不足，排不下", "not enough capacity this week"],
  reason_time_limit: ["计算时间到，尚未排入", "the time limit ran out first"],
  handoutTitle: ["下发", "Hand out"],
  downloadZip: ["下载全部文件（export.zip）", "Download all files (export.zip)"],
  openReport: ["打开报告", "Open the report"],
  openNotices: ["打开告知书（打印）", "Open the notices (print)"],
  handoutInvalid: ["无效方案不能下发。", "An invalid plan cannot be handed out."],
  actionsTitle: ["调整与重排", "Adjust and re-plan"],
  replanButton: ["情况有变，重新排班…", "Something changed: re-plan…"],
  versionsOfWeek: ["本周的全部版本", "All versions of this week"],
  backToWeek: ["返回周计划", "Back to the week"],
  // change list
  changesTitle: ["变更清单（自 {date} 起重排）", "Change list (re-planned from {date})"],
  changesSummary: ["保持不变 {kept} 个，原时间换人 {recrewed} 个，之前的 {history} 个不动；受影响任务 {disrupted} 项。", "{kept} kept exactly, {recrewed} re-crewed at their time, {history} earlier ones untouched; {disrupted} task(s) disrupted."],
  changesObjective: ["目标对比", "Objective before and after"],
  announced: ["原方案", "announced"],
  replanned: ["重排后", "re-plan"],
  change: ["变化", "change"],
  obj_unscheduled_priority: ["未安排优先级", "priority left out"],
  obj_disrupted_tasks: ["受影响任务", "disrupted tasks"],
  obj_visits: ["进门次数", "visits"],
  obj_officer_visits: ["人次", "officer visits"],
  obj_travel_minutes: ["路途分钟", "travel minutes"],
  tellBusinesses: ["需要通知的企业（{n}）", "Businesses to tell ({n})"],
  tellInspectors: ["需要通知的人员（{n}）", "Officers to tell ({n})"],
  noBusinessChanges: ["没有企业的检查改变。", "No business's visit changed."],
  noInspectorChanges: ["没有人员的日程改变。", "No officer's day changed."],
  doNotTell: ["含不事先告知的任务：不得通知企业", "holds an unannounced task: do not tell the business"],
  change_moved: ["检查 {visit} 由 {from} 改到 {to}", "visit {visit} moved from {from} to {to}"],
  change_new: ["新增检查 {visit}：{to}（{depts}）", "new visit {visit} on {to} ({depts})"],
  change_cancelled: ["取消检查 {visit}：{from}（{depts}）", "visit {visit} on {from} cancelled ({depts})"],
  change_departments: ["检查 {visit}（{to}）部门变化：{diff}", "visit {visit} ({to}) departments changed: {diff}"],
  deptAdded: ["增加 {d}", "adds {d}"],
  deptRemoved: ["减少 {d}", "drops {d}"],
  colDatesChanged: ["日程改变的日期", "Dates that changed"],
  // edit dialog
  editTitle: ["调整检查 {visit}：{business}", "Adjust visit {visit}: {business}"],
  editDate: ["日期", "Date"],
  editStart: ["开始时间", "Start"],
  editEnd: ["结束 {end}（时长不变）", "ends {end} (same length)"],
  editCrew: ["检查人员（每人选择代表的部门）", "Crew (choose the department each officer acts for)"],
  notInCrew: ["— 不参加 —", "— not in crew —"],
  unavailableThatDay: ["当日不可用", "unavailable that day"],
  editTasks: ["任务：{tasks}", "Tasks: {tasks}"],
  checking: ["正在校验…", "Checking…"],
  editValid: ["修改后的方案有效。", "The edited plan is valid."],
  editViolations: ["修改后的方案违反 {n} 条规则：", "The edited plan breaks {n} rule(s):"],
  saveVersion: ["保存为新版本", "Save as a new version"],
  saveDraft: ["保存为无效草稿…", "Save as an invalid draft…"],
  confirmDraft: ["此方案违反规则，不能下发。确定保存为无效草稿吗？", "This plan breaks rules and cannot be handed out. Save it as an invalid draft?"],
  close: ["关闭", "Close"],
  saved: ["已保存为 {id}", "Saved as {id}"],
  // re-plan dialog
  replanTitle: ["情况有变，重新排班", "Something changed: re-plan"],
  replanHelp: ["从所选日期起重排：之前的检查不动，已固定的检查不变，其余尽量少改动。", "Re-plans from the chosen date: earlier visits stay, pinned visits stay, the rest moves as little as possible."],
  replanFrom: ["从哪天起重排", "Re-plan from"],
  factUnavailable: ["人员不能到岗", "Officer unavailable"],
  factClosed: ["企业停业", "Business closed"],
  factHoliday: ["放假", "Holiday"],
  factUrgent: ["新增紧急任务", "Urgent task"],
  inspector: ["人员", "Officer"],
  business: ["企业", "Business"],
  date: ["日期", "Date"],
  minutes: ["时长（分钟）", "Minutes"],
  priority: ["优先级（1–1000）", "Priority (1–1000)"],
  officers: ["所需人数", "Officers"],
  joinable: ["可与其他部门合并", "may join other departments"],
  earliest: ["最早", "Earliest"],
  latest: ["最晚", "Latest"],
  add: ["添加", "Add"],
  remove: ["删除", "Remove"],
  factsChosen: ["已添加的变化", "Changes added"],
  noFacts: ["还没有添加变化（也可以不加，只按固定重排）。", "No change added yet (you may re-plan with pins only)."],
  fact_unavailable: ["{who} 在 {date} 不能到岗", "{who} unavailable on {date}"],
  fact_close: ["{who} 在 {date} 停业", "{who} closed on {date}"],
  fact_holiday: ["{date} 放假", "{date} is a holiday"],
  fact_task: ["紧急任务 {id}：{dept} 到 {who}，{min} 分钟", "urgent task {id}: {dept} at {who}, {min} min"],
  startReplan: ["开始重排", "Re-plan"],
  pickBusiness: ["输入企业名称或编号", "type a business name or id"],
  unknownBusiness: ["没有这个企业：{v}", "No such business: {v}"],
  // what-if
  whatifTitle: ["假设分析", "What if"],
  whatifHelp: ["每个变体是在本周基础上的一组变化；一起计算，并排比较。", "Each variant is this week with some changes; they are solved together and compared side by side."],
  variant: ["变体 {n}", "Variant {n}"],
  variantName: ["变体名称", "Variant name"],
  addVariant: ["添加变体", "Add a variant"],
  dropInspector: ["去掉人员", "Drop officer"],
  ruleCertified: ["每次检查至少持证人数", "Certified officers per visit"],
  certify: ["再培训持证人员（人数，0 为不分析）", "Officers to certify (0: no curve)"],
  whatifRun: ["开始比较", "Compare"],
  whatifRunning: ["正在比较…（可能需要几分钟）", "Comparing… (may take minutes)"],
  whatifNeed: ["请至少添加一个变体或填写持证人数。", "Add a variant or a number to certify."],
  base: ["本周", "this week"],
  figure: ["指标", "Figure"],
  curveTitle: ["持证人数与效果", "Certificates and what they save"],
  curveLeftOut: ["未安排优先级", "priority left out"],
  curveVisits: ["进门次数", "visits"],
  curveX: ["持证人数", "certified officers"],
  curveWho: ["依次培训", "certified in order"],
  today: ["现在", "today"],
  officerHours: ["人·小时", "officer-hours"],
  curveFlat: ["再培训持证人员也不会少进门或多排任务。", "Certifying more officers saves nothing here."],
  fig_tasks: ["任务", "tasks"],
  fig_scheduled: ["已安排", "scheduled"],
  "fig_unscheduled priority": ["未安排优先级", "priority left out"],
  fig_visits: ["进门次数", "visits"],
  "fig_baseline visits": ["单独检查进门次数", "baseline visits"],
  "fig_reduction %": ["减少 %", "reduction %"],
  "fig_lower bound": ["下界", "lower bound"],
  "fig_officer visits": ["人次", "officer visits"],
  "fig_travel minutes": ["路途分钟", "travel minutes"],
  // diff
  diffTitle: ["比较 {a} 与 {b}", "{a} compared with {b}"],
  diffFigures: ["指标", "Figures"],
  diffBusinesses: ["检查日期改变的企业（{n}）", "Businesses whose visits changed ({n})"],
  diffTasks: ["改期的任务（{n}）", "Tasks on other dates ({n})"],
  diffNewlyScheduled: ["新排入的任务（{n}）", "Newly scheduled tasks ({n})"],
  diffNewlyUnscheduled: ["不再安排的任务（{n}）", "Tasks no longer scheduled ({n})"],
  diffInspectors: ["日程改变的人员（{n}）", "Officers whose days changed ({n})"],
  diffNone: ["无", "none"],
  visitsAB: ["检查数 A → B", "visits A → B"],
  datesAB: ["日期 A → B", "dates A → B"],
};

/** The page's language: "zh" (default) or "en", remembered in localStorage. */
let lang = readLang();

function readLang() {
  try {
    return localStorage.getItem("onedoor.lang") === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

/** The word for `key` in the page's language, with `{name}` replaced from `vars`. */
function t(key, vars) {
  const pair = WORDS[key];
  let s = pair ? pair[lang === "en" ? 1 : 0] : key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  return s;
}

/** The word for `key` if the dictionary has it, else `fallback`. */
function tOr(key, fallback) {
  return key in WORDS ? t(key) : fallback;
}

/** Puts the dictionary's words into the static frame (elements marked data-i18n). */
function translateFrame() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  for (const el of document.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll("[data-i18n-aria]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAria));
  }
  const sw = document.getElementById("lang-switch");
  if (sw) {
    sw.textContent = t("langSwitch");
    sw.lang = lang === "en" ? "zh-CN" : "en";
  }
  document.title = document.body.dataset.page === "login" ? `${t("loginSubmit")} · ${t("appTitle")}` : t("appTitle");
}

// ---------------------------------------------------------------------------------------
// 2. dom
// ---------------------------------------------------------------------------------------

/**
 * Builds an element. `attrs`: `class`, `text`, `on<event>` handlers, `dataset`, `style`
 * (an object of CSS properties), boolean and string attributes; children may be strings,
 * nodes, arrays or null. Text is always set as text (no HTML is ever parsed).
 */
function h(tag, attrs, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.setAttribute("class", v);
    else if (k === "text") el.textContent = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "style") for (const [p, pv] of Object.entries(v)) el.style.setProperty(p, pv);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table: `head` a list of header cells (strings or [text, class]), `rows` lists of cells. */
function table(head, rows, attrs) {
  const cell = (tag, c) =>
    c && typeof c === "object" && !(c instanceof Node) && !Array.isArray(c)
      ? h(tag, c.attrs || {}, c.content)
      : h(tag, {}, c);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      attrs || {},
      h("thead", {}, h("tr", {}, head.map((c) => cell("th", c)))),
      h("tbody", {}, rows.map((r) => (r instanceof Node ? r : h("tr", {}, r.map((c) => cell("td", c)))))),
    ),
  );
}

/** A numeric cell for table(). */
function num(v, extraClass) {
  return { attrs: { class: "num" + (extraClass ? " " + extraClass : "") }, content: v };
}

/** Shows a short message at the bottom right for a few seconds. */
function toast(text) {
  const el = document.getElementById("toast");
  if (!el) return;
  el.textContent = text;
  el.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove("show"), 3500);
}

/** A list of the server's located problems (`place`, `message`, `code`) as a table. */
function problemsTable(problems) {
  return h(
    "div",
    { class: "problems" },
    table(
      [t("place"), t("message"), t("code")],
      problems.map((p) => [{ attrs: { class: "place" }, content: p.place || "" }, p.message || "", p.code || ""]),
    ),
  );
}

/** An error shown in place: the words of an ApiError (with its problems) or any error. */
function errorBox(err) {
  const box = h("div", { class: "stack", role: "alert" });
  box.append(h("p", { class: "error-line", text: errorText(err) }));
  if (err instanceof ApiError && err.problems.length > 1) box.append(problemsTable(err.problems));
  return box;
}

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 404) return t("notFound");
    if (err.status === 413) return t("tooLarge");
    const first = err.problems[0];
    if (first && first.message) return (first.place ? first.place + ": " : "") + first.message;
    return t("errorStatus", { status: err.status });
  }
  return t("errorNetwork", { msg: err && err.message ? err.message : String(err) });
}

/** A modal dialog (native <dialog>: Esc closes it, focus stays inside); removed on close. */
function openDialog(labelText, body) {
  const id = "dlg-title-" + Math.random().toString(36).slice(2);
  const dlg = h(
    "dialog",
    { "aria-labelledby": id },
    h("div", { class: "dialog-body" }, h("h2", { id, text: labelText }), body),
  );
  dlg.addEventListener("close", () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

// ---------------------------------------------------------------------------------------
// 3. api
// ---------------------------------------------------------------------------------------

/** An error answer of the API: its status and its located problems. */
class ApiError extends Error {
  constructor(status, problems, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.problems = Array.isArray(problems) ? problems : [];
    this.body = body;
  }
}

/** The HTTP API (docs/serve.md). Every non-GET request carries the CSRF token. */
const api = {
  csrf: "",

  async request(method, path, body, contentType) {
    const headers = { Accept: "application/json", "Accept-Language": lang === "en" ? "en" : "zh-CN" };
    if (method !== "GET") headers["X-CSRF-Token"] = api.csrf;
    let payload = body;
    if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    } else if (contentType) {
      headers["Content-Type"] = contentType;
    }
    const res = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
    if (res.status === 401) {
      location.href = "/login";
      throw new ApiError(401, []);
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const problems = data && Array.isArray(data.problems) ? data.problems : [{ message: text.slice(0, 300) }];
      throw new ApiError(res.status, problems, data);
    }
    return data;
  },
  get: (path) => api.request("GET", path),
  post: (path, body, type) => api.request("POST", path, body, type),
  put: (path, body) => api.request("PUT", path, body),
};

/** An id as a URL path segment (ids are opaque strings). */
const seg = (id) => encodeURIComponent(id);

/** `?lang=en` for links opened outside the page (report, notices, zip) when English. */
const langQuery = () => (lang === "en" ? "?lang=en" : "");

// ---------------------------------------------------------------------------------------
// 4. formats
// ---------------------------------------------------------------------------------------

const WEEKDAYS = {
  zh: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
};
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2022-09-13" → "9月13日 周二" / "Tue 13 Sep". */
function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso || "";
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const wd = WEEKDAYS[lang][d.getUTCDay()];
  return lang === "en" ? `${wd} ${+m[3]} ${MONTHS_EN[+m[2] - 1]}` : `${+m[2]}月${+m[3]}日 ${wd}`;
}

/** "2022-09-13 10:00" → "9月13日 周二 10:00". */
function fmtAt(s) {
  const [d, time] = String(s || "").split(" ");
  return time ? `${fmtDate(d)} ${time}` : fmtDate(d);
}

/** The weekday key ("mon"…"sun") of a date. */
function weekdayKey(iso) {
  const [y, mo, d] = iso.split("-").map(Number);
  return ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
}

/** Every date from `start` to `end` inclusive. */
function dateRange(start, end) {
  const out = [];
  const [y, mo, d] = start.split("-").map(Number);
  const cur = new Date(Date.UTC(y, mo - 1, d));
  for (let i = 0; i < 10000; i++) {
    const iso = cur.toISOString().slice(0, 10);
    if (iso > end) break;
    out.push(iso);
    cur.setUTCDate(cur.getUTCDate() + 1);
  }
  return out;
}

const toMin = (hhmm) => {
  const [a, b] = String(hhmm).split(":").map(Number);
  return a * 60 + b;
};
const fromMin = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A number with thousands separators. */
const fmtNum = (n) => (typeof n === "number" ? n.toLocaleString(lang === "en" ? "en" : "zh-CN") : n ?? "");
const fmtPct = (x) => (typeof x === "number" ? `${(x * 100).toFixed(1)} %` : "");

/** A creation time from the server ("2026-12-06T10:41:00Z" or similar) shortened. */
const fmtCreated = (s) => (s ? String(s).replace("T", " ").replace(/(:\d\d)(\.\d+)?Z?$/, "$1").slice(0, 16) : "");

/** Distinct colours for departments (by their order in the scenario). */
const PALETTE = [
  "#d1495b", "#2e86ab", "#3b8b4f", "#edae49", "#7b4fa0", "#00798c",
  "#c26a2e", "#5c6bc0", "#8d6e63", "#c2185b", "#607d8b", "#9e9d24",
];

/** A department's short name: the name without a leading city/district (舟山市定海区…). */
function shortDept(name) {
  const s = String(name || "");
  if (/[\u4e00-\u9fff]/.test(s)) {
    let cut = s.replace(/^(?:[^市区县]{1,3}市)?(?:[^市区县]{1,3}[区县])?/, "") || s;
    const m = /^(.+?)(?:总局|分局|大队|支队|委员会|办公室|中心|局|委|办)/.exec(cut);
    if (m && m[1].length >= 2) cut = m[1];
    if (cut.length > 4 && cut.includes("和")) cut = cut.split("和")[0];
    return cut.slice(0, 4);
  }
  return s.split(/\s+/)[0].slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// 5. weeks data
// ---------------------------------------------------------------------------------------

/** Weeks fetched so far: id → promise of {week, idx}. */
const weekCache = new Map();

/** A week (GET /api/weeks/{W}) with indexes by id; fetched once per page load. */
function loadWeek(id, fresh) {
  if (fresh || !weekCache.has(id)) {
    const p = api.get(`/api/weeks/${seg(id)}`).then((week) => ({ week, idx: indexScenario(week.scenario) }));
    p.catch(() => weekCache.delete(id));
    weekCache.set(id, p);
  }
  return weekCache.get(id);
}

/** Maps from id to object for a scenario's lists, plus the working dates and colours. */
function indexScenario(scn) {
  const byId = (list) => new Map((list || []).map((x) => [x.id, x]));
  const idx = {
    scn,
    departments: byId(scn.departments),
    inspectors: byId(scn.inspectors),
    businesses: byId(scn.businesses),
    places: byId(scn.places),
    tasks: byId(scn.tasks),
    colour: new Map(),
  };
  (scn.departments || []).forEach((d, i) => idx.colour.set(d.id, PALETTE[i % PALETTE.length]));
  const hz = scn.horizon || {};
  const workdays = hz.workdays || ["mon", "tue", "wed", "thu", "fri"];
  const holidays = new Set(hz.holidays || []);
  idx.allDates = hz.start && hz.end ? dateRange(hz.start, hz.end) : [];
  idx.workDates = idx.allDates.filter((d) => workdays.includes(weekdayKey(d)) && !holidays.has(d));
  const hours = hz.hours || { start: "08:30", end: "17:30" };
  idx.dayStart = toMin(hours.start);
  idx.dayEnd = toMin(hours.end);
  return idx;
}

const deptName = (idx, id) => (idx.departments.get(id) || {}).name || id;
const inspName = (idx, id) => (idx.inspectors.get(id) || {}).name || id;
const busName = (idx, id) => (idx.businesses.get(id) || {}).name || id;

/** Whether a task may be told to its business in advance (SPEC §2a: default `joinable`). */
function announcedTask(task) {
  if (!task) return true;
  if (task.announced !== undefined) return task.announced !== false;
  return task.joinable !== false;
}

/** The departments present in a visit (from its tasks), in scenario order. */
function visitDepartments(idx, visit) {
  const set = new Set(visit.tasks.map((tid) => (idx.tasks.get(tid) || {}).department).filter(Boolean));
  return [...idx.departments.keys()].filter((d) => set.has(d));
}

/** A coloured square for a department. */
function deptDot(idx, id) {
  return h("span", { class: "dept-dot", style: { background: idx.colour.get(id) || "#999" }, "aria-hidden": "true" });
}

// ---------------------------------------------------------------------------------------
// 6. router
// ---------------------------------------------------------------------------------------

/** The view on screen and its stop() (polling timers end when the view changes). */
let currentStop = null;

const ROUTES = [
  [/^#?\/?$/, () => weeksView],
  [/^#\/week\/([^/?]+)$/, (m) => (root) => weekView(root, decodeURIComponent(m[1]))],
  [/^#\/plan\/([^/?]+)$/, (m) => (root) => planView(root, decodeURIComponent(m[1]))],
  [/^#\/diff\/([^/?]+)\/([^/?]+)$/, (m) => (root) => diffView(root, decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
];

/** Draws the view the address names. */
function route() {
  if (currentStop) currentStop();
  currentStop = null;
  for (const d of document.querySelectorAll("dialog")) d.close();
  const root = document.getElementById("main");
  fill(root, h("p", { class: "loading", text: t("loading") }));
  const hash = location.hash || "#/";
  for (const [re, make] of ROUTES) {
    const m = re.exec(hash);
    if (m) {
      const stop = make(m)(root);
      currentStop = typeof stop === "function" ? stop : null;
      return;
    }
  }
  fill(root, h("p", { class: "error-line", text: t("notFound") }));
}

/** Runs an async view body, showing its error in place instead of a blank page. */
async function guarded(root, body) {
  try {
    await body();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    fill(root, h("h1", { text: t("errorTitle") }), errorBox(err));
  }
}

// ---------------------------------------------------------------------------------------
// 7. weeks view: upload and the list of weeks
// ---------------------------------------------------------------------------------------

function weeksView(root) {
  const status = h("div", { class: "stack", "aria-live": "polite" });
  const fileInput = h("input", {
    type: "file",
    id: "upload-file",
    accept: ".xlsx,.xls,.ods,.csv,.json,application/json",
    onchange: () => fileInput.files[0] && upload(fileInput.files[0]),
  });
  const nameInput = h("input", { id: "upload-name", type: "text", maxlength: "200" });
  const drop = h(
    "div",
    { class: "drop", id: "drop" },
    h("p", { text: t("uploadHelp") }),
    h("label", { for: "upload-file", class: "button", text: t("chooseFile") }),
    " ",
    fileInput,
  );
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) upload(f);
  });

  /** Sends one file; on success opens the new week, else lists the problems at their cells. */
  async function upload(file) {
    fill(status, h("p", { class: "muted", text: t("uploading", { name: file.name }) }));
    const json = /\.json$/i.test(file.name);
    const type = json
      ? "application/json"
      : /\.xlsx$/i.test(file.name)
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/octet-stream";
    // The server takes the display name from ?name= (its extension dropped) and, for
    // application/octet-stream, the workbook's format from that extension.
    const typed = nameInput.value.trim();
    const ext = (/\.[A-Za-z0-9]+$/.exec(file.name) || [""])[0];
    const name = typed ? typed + ext : type === "application/octet-stream" ? file.name : "";
    const q = name ? `?name=${encodeURIComponent(name)}` : "";
    try {
      const res = await api.post(`/api/weeks${q}`, file, type);
      fill(status, h("p", { class: "ok-line", text: t("uploadDone", { name: res.name || file.name }) }));
      if (res.warnings && res.warnings.length) {
        status.append(h("div", { class: "warn-line" }, h("strong", { text: t("uploadWarnings") }), warningsList(res.warnings)));
        status.append(h("p", {}, h("a", { class: "button primary", href: `#/week/${seg(res.id)}`, text: t("open") })));
        listWeeks();
      } else {
        location.hash = `#/week/${seg(res.id)}`;
      }
    } catch (err) {
      if (err instanceof ApiError && err.problems.length && (err.status === 422 || err.status === 400)) {
        fill(status, h("p", { class: "error-line", role: "alert", text: t("uploadProblems", { n: err.problems.length }) }), problemsTable(err.problems));
      } else {
        fill(status, errorBox(err));
      }
    } finally {
      fileInput.value = "";
    }
  }

  const list = h("div", { id: "weeks-list" }, h("p", { class: "loading", text: t("loading") }));
  async function listWeeks() {
    try {
      const res = await api.get("/api/weeks");
      const weeks = res.weeks || [];
      if (!weeks.length) return fill(list, h("p", { class: "muted", text: t("noWeeks") }));
      fill(
        list,
        table(
          [t("colName"), t("colDates"), num(t("colTasks")), num(t("colInspectors")), num(t("colBusinesses")), num(t("colPlans")), t("colCreated")],
          weeks
            .slice()
            .reverse()
            .map((w) => [
              h("a", { href: `#/week/${seg(w.id)}`, text: w.name || w.id }),
              { attrs: { class: "nowrap" }, content: (w.dates || []).map(fmtDate).join(" – ") },
              num(fmtNum(w.tasks)),
              num(fmtNum(w.inspectors)),
              num(fmtNum(w.businesses)),
              num(fmtNum(w.plans)),
              { attrs: { class: "nowrap muted" }, content: fmtCreated(w.created) },
            ]),
        ),
      );
    } catch (err) {
      fill(list, errorBox(err));
    }
  }

  fill(
    root,
    h("h1", { text: t("weeksTitle") }),
    h(
      "section",
      { class: "card", "aria-labelledby": "upload-h" },
      h("h2", { id: "upload-h", text: t("uploadTitle") }),
      h("div", { class: "row" }, h("label", { for: "upload-name", text: t("uploadName") }), nameInput),
      drop,
      status,
    ),
    h("section", { "aria-label": t("weeksTitle") }, list),
  );
  listWeeks();
}

function warningsList(warnings) {
  return h(
    "ul",
    { class: "small" },
    warnings.map((w) => h("li", { text: typeof w === "string" ? w : `${w.place ? w.place + ": " : ""}${w.message || JSON.stringify(w)}` })),
  );
}

// ---------------------------------------------------------------------------------------
// 8. week view: stats, versions, plan button, what-if
// ---------------------------------------------------------------------------------------

function weekView(root, weekId) {
  guarded(root, async () => {
    const { week, idx } = await loadWeek(weekId, true);
    const stats = week.stats || {};
    const limit = h(
      "select",
      { id: "time-limit" },
      [10, 30, 60, 120, 300].map((n) => h("option", { value: n, selected: n === 30, text: t("seconds", { n }) })),
    );
    const planStatus = h("div", { "aria-live": "polite" });
    const startButton = h("button", {
      type: "button",
      class: "primary",
      id: "start-plan",
      text: t("planStart"),
      onclick: async () => {
        startButton.disabled = true;
        try {
          const res = await api.post(`/api/weeks/${seg(weekId)}/plans`, { time_limit: Number(limit.value) });
          location.hash = `#/plan/${seg(res.id)}`;
        } catch (err) {
          fill(planStatus, errorBox(err));
          startButton.disabled = false;
        }
      },
    });
    fill(
      root,
      h("p", { class: "crumbs" }, h("a", { href: "#/", text: "← " + t("navWeeks") })),
      h("h1", { text: t("weekTitle", { name: week.name || weekId }) }),
      h(
        "section",
        { class: "card", "aria-labelledby": "plan-h" },
        h("h2", { id: "plan-h", text: t("planTitle") }),
        h("div", { class: "row" }, h("label", { for: "time-limit", text: t("timeLimit") }), limit, startButton),
        planStatus,
      ),
      statsSection(idx, stats),
      versionsSection(weekId, null),
      whatifSection(weekId, idx),
    );
  });
}

/** Sizes, bounds, facts and the demand table of a week's stats. */
function statsSection(idx, stats) {
  const sizes = stats.sizes || {};
  const bounds = stats.bounds || {};
  const figure = (value, name, cls) => h("div", { class: "figure" + (cls ? " " + cls : "") }, h("div", { class: "value", text: fmtNum(value) }), h("div", { class: "name", text: name }));
  const facts = (stats.unschedulable || []).filter((u) => u.tasks && u.tasks.length);
  return h(
    "section",
    { class: "card", "aria-labelledby": "stats-h" },
    h("h2", { id: "stats-h", text: t("statsTitle") }),
    h(
      "div",
      { class: "figures" },
      figure(sizes.tasks, t("sizeTasks")),
      figure(sizes.businesses, t("sizeBusinesses")),
      figure(sizes.inspectors, t("sizeInspectors")),
      figure(sizes.certified, t("sizeCertified")),
      figure(sizes.departments, t("sizeDepartments")),
      figure(sizes.not_joinable, t("sizeNotJoinable")),
      figure(bounds.lower_bound, t("lowerBound")),
      figure(bounds.baseline, t("baseline")),
      figure(bounds.best_saving, t("bestSaving")),
    ),
    facts.length || (stats.too_long || []).length
      ? h(
          "div",
          { class: "warn-line" },
          h("strong", { text: t("unschedulable") + "：" }),
          facts.map((u) => h("div", { text: `${tOr("reason_" + u.reason, u.reason)}: ${u.tasks.join(", ")}` })),
          (stats.too_long || []).length ? h("div", { text: `${t("tooLong")}: ${stats.too_long.join(", ")}` }) : null,
        )
      : null,
    demandTable(idx, stats),
  );
}

/** Demand against officers per department (rows) and working date (columns). */
function demandTable(idx, stats) {
  const demand = stats.demand || [];
  if (!demand.length) return null;
  const dates = (stats.horizon && stats.horizon.dates) || idx.workDates;
  const cell = (c) => {
    if (!c) return { attrs: { class: "num closed" }, content: t("noWork") };
    const load = typeof c.load === "number" ? c.load : c.officer_min ? c.share_min / c.officer_min : null;
    const over = (load !== null && load > 1) || (c.must_min || 0) > (c.officer_min || 0);
    const cls = over ? "over" : load !== null && load > 0.8 ? "tight" : "";
    const title = `${t("colTasks")} ${c.may}; must ${c.must}; ${fmtNum(c.share_min)} / ${fmtNum(c.officer_min)}; ${fmtPct(load)}`;
    return {
      attrs: { class: "num " + cls, title },
      content: [`${fmtNum(c.share_min)} / ${fmtNum(c.officer_min)}`, h("br"), h("span", { class: "small muted", text: typeof c.officers === "number" ? `${fmtPct(load)} (${c.officers})` : fmtPct(load) })],
    };
  };
  return h(
    "div",
    {},
    h("h3", { text: t("demandTitle") }),
    h("p", { class: "small muted", text: t("demandHelp") }),
    table(
      [t("department"), ...dates.map((d) => num(fmtDate(d))), num(t("week"))],
      demand.map((dd) => {
        const byDate = new Map((dd.dates || []).map((c) => [c.date, c]));
        return [
          h("span", { class: "nowrap" }, deptDot(idx, dd.department), " ", dd.name || deptName(idx, dd.department)),
          ...dates.map((d) => cell(byDate.get(d))),
          cell(dd.week),
        ];
      }),
      { id: "demand-table" },
    ),
  );
}

/** The versions of a week, with "compare A and B". `current`: the plan on screen. */
function versionsSection(weekId, current) {
  const box = h("section", { class: "card", "aria-labelledby": "versions-h", id: "versions" }, h("h2", { id: "versions-h", text: t("versionsTitle") }), h("p", { class: "loading", text: t("loading") }));
  (async () => {
    try {
      const res = await api.get(`/api/weeks/${seg(weekId)}/plans`);
      const plans = res.plans || [];
      const body = [];
      if (!plans.length) body.push(h("p", { class: "muted", text: t("noVersions") }));
      else {
        const msg = h("div", { "aria-live": "polite" });
        const radio = (name, id, checked) => h("input", { type: "radio", name, value: id, checked, "aria-label": `${id} ${name === "cmpA" ? t("compareA") : t("compareB")}`, class: "cmp" });
        const done = plans.filter((p) => p.state === "done");
        const aDefault = done.length > 1 ? done[done.length - 2].id : null;
        const bDefault = done.length > 1 ? done[done.length - 1].id : null;
        body.push(
          table(
            [t("colVersion"), t("colKind"), t("colState"), t("colValid"), num(t("colVisits")), num(t("colLeftOut")), t("colCreated"), t("colCompare")],
            plans.map((p) => {
              const f = p.figures || {};
              const tr = h(
                "tr",
                { class: p.id === current ? "current" : null },
                h("td", {}, h("a", { href: `#/plan/${seg(p.id)}`, text: p.id })),
                h("td", {}, tOr("kind_" + p.kind, p.kind || ""), p.parent ? h("span", { class: "muted small", text: " " + t("from", { id: p.parent }) }) : null),
                h("td", { text: tOr("state_" + p.state, p.state || "") }),
                h("td", {}, validityBadge(p)),
                h("td", { class: "num", text: fmtNum(f.visits) }),
                h("td", { class: "num", text: fmtNum(f.unscheduled_priority) }),
                h("td", { class: "nowrap muted small", text: fmtCreated(p.created) }),
                h(
                  "td",
                  { class: "nowrap" },
                  p.state === "done"
                    ? [h("label", { class: "check-label" }, radio("cmpA", p.id, p.id === aDefault), "A"), " ", h("label", { class: "check-label" }, radio("cmpB", p.id, p.id === bDefault), "B")]
                    : null,
                ),
              );
              return tr;
            }),
          ),
        );
        body.push(
          h(
            "div",
            { class: "row" },
            h("button", {
              type: "button",
              id: "compare",
              text: t("compareGo"),
              onclick: () => {
                const a = box.querySelector('input[name="cmpA"]:checked');
                const b = box.querySelector('input[name="cmpB"]:checked');
                if (!a || !b || a.value === b.value) return fill(msg, h("p", { class: "error-line", text: t("compareNeedTwo") }));
                location.hash = `#/diff/${seg(a.value)}/${seg(b.value)}`;
              },
            }),
            msg,
          ),
        );
      }
      box.replaceChildren(box.firstChild, ...body);
    } catch (err) {
      box.replaceChildren(box.firstChild, errorBox(err));
    }
  })();
  return box;
}

function validityBadge(p) {
  if (p.valid === true) return h("span", { class: "badge ok", text: t("valid") });
  if (p.valid === false) return h("span", { class: "badge bad", text: p.draft ? `${t("invalid")} · ${t("draft")}` : t("invalid") });
  return "";
}

// ---------------------------------------------------------------------------------------
// 9. plan view: progress, then the board
// ---------------------------------------------------------------------------------------

function planView(root, planId) {
  let stopped = false;
  let timer = null;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };

  /** Asks for the plan every 500 ms until it is done or failed. */
  async function poll() {
    try {
      const res = await api.get(`/api/plans/${seg(planId)}`);
      if (stopped) return;
      if (res.state === "queued" || res.state === "running") {
        showProgress(root, planId, res);
        timer = setTimeout(poll, 500);
      } else if (res.state === "failed") {
        showFailed(root, planId, res);
      } else {
        const { week, idx } = await loadWeek(res.week);
        if (stopped) return;
        let parent = null;
        if (res.parent) {
          try {
            parent = await api.get(`/api/plans/${seg(res.parent)}`);
          } catch {
            parent = null;
          }
        }
        if (stopped) return;
        new Board(root, planId, res, week, idx, parent).draw();
      }
    } catch (err) {
      if (!stopped && !(err instanceof ApiError && err.status === 401)) fill(root, h("h1", { text: t("planOf", { id: planId }) }), errorBox(err));
    }
  }
  poll();
  return stop;
}

/** While a plan is queued or running: its stage, a progress bar and a cancel button. */
function showProgress(root, planId, res) {
  const prog = res.progress || {};
  const frac = typeof prog.fraction === "number" ? Math.max(0, Math.min(1, prog.fraction)) : null;
  let box = root.querySelector("#progress");
  if (!box) {
    box = h("section", { id: "progress", class: "card", "aria-live": "polite" });
    fill(root, h("h1", { text: t("planOf", { id: planId }) }), box);
  }
  const bar = h("div", { class: "progress" + (frac === null ? " indeterminate" : ""), role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": frac === null ? null : Math.round(frac * 100) }, h("div", { style: frac === null ? {} : { width: `${Math.round(frac * 100)}%` } }));
  fill(
    box,
    h("p", { text: res.state === "queued" ? t("queued") + (typeof res.ahead === "number" && res.ahead > 0 ? " " + t("ahead", { n: res.ahead }) : "") : t("running") }),
    bar,
    prog.stage ? h("p", { class: "muted", text: t("stage", { stage: tOr("stage_" + prog.stage, prog.stage) }) }) : null,
    h("button", {
      type: "button",
      class: "danger",
      id: "cancel-plan",
      text: t("cancel"),
      onclick: async (e) => {
        e.target.disabled = true;
        try {
          await api.post(`/api/plans/${seg(planId)}/cancel`, {});
          toast(t("cancelled"));
        } catch (err) {
          box.append(errorBox(err));
        }
      },
    }),
  );
}

function showFailed(root, planId, res) {
  const err = res.error || {};
  const msg = err.code === "cancelled" ? t("cancelled") : t("failed", { msg: err.message || err.code || "" });
  fill(
    root,
    h("h1", { text: t("planOf", { id: planId }) }),
    h("p", { class: "error-line", role: "alert", text: msg }),
    res.week ? h("p", {}, h("a", { href: `#/week/${seg(res.week)}`, text: "← " + t("backToWeek") })) : null,
  );
}

/**
 * The week's indexes with a re-plan's urgent tasks added (from the plan's request, when
 * the server sends it), so the board can name the departments of their visits.
 */
function withRequest(idx, request) {
  const added = request && Array.isArray(request.add_tasks) ? request.add_tasks : [];
  if (!added.length) return idx;
  const tasks = new Map(idx.tasks);
  for (const task of added) if (task && task.id && !tasks.has(task.id)) tasks.set(task.id, task);
  return { ...idx, tasks };
}

/** The board of one finished plan: everything drawn from `res` (GET /api/plans/{P}). */
class Board {
  constructor(root, planId, res, week, idx, parent) {
    this.root = root;
    this.planId = planId;
    this.res = res;
    this.plan = res.plan;
    this.week = week;
    this.idx = withRequest(idx, res.request);
    this.parent = parent;
    this.pins = new Set(res.pins || []);
    this.selectedInspector = null;
    this.leftOutShown = 100;
    // visits by date, sorted by start
    this.byDate = new Map();
    for (const v of this.plan.visits) {
      if (!this.byDate.has(v.date)) this.byDate.set(v.date, []);
      this.byDate.get(v.date).push(v);
    }
    for (const list of this.byDate.values()) list.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    const extra = [...this.byDate.keys()].filter((d) => !idx.workDates.includes(d));
    this.dates = [...idx.workDates, ...extra].sort();
    this.date = this.dates.find((d) => this.byDate.has(d)) || this.dates[0];
    // A re-plan opens on the first date it re-planned.
    const ch = res.changes || this.plan.changes;
    if (ch && this.dates.includes(ch.from)) this.date = ch.from;
  }

  /** The whole board; only the selected date's part is drawn (a city week stays fast). */
  draw() {
    const { res, idx } = this;
    const violations = res.violations || [];
    this.dayBox = h("div", { id: "day" });
    fill(
      this.root,
      h("p", { class: "crumbs" }, h("a", { href: `#/week/${seg(res.week)}`, text: "← " + (this.week.name || res.week) })),
      h("h1", {}, t("planOf", { id: this.planId }), " ", h("span", { class: "badge", text: tOr("kind_" + res.kind, res.kind || "") }), res.parent ? h("span", { class: "muted small", text: " " + t("from", { id: res.parent }) }) : null),
      this.figures(),
      violations.length
        ? h("div", { class: "error-line", role: "alert", id: "plan-violations" }, t("planInvalid", { n: violations.length }), violationsList(violations))
        : null,
      this.changesSection(),
      this.actions(),
      h("div", { class: "legend", "aria-label": t("colDepartments") }, [...idx.departments.values()].map((d) => h("span", {}, deptDot(idx, d.id), " ", d.name)), h("span", {}, h("span", { class: "badge cert", text: t("certifiedMark") }), " ", t("certified"))),
      this.tabs(),
      this.dayBox,
      this.leftOutSection(),
      versionsSection(res.week, this.planId),
    );
    this.drawDay();
    performance.mark("onedoor-board");
  }

  /** The plan's figures, and the solver's status in words (optimal only when it says so). */
  figures() {
    const s = this.plan.stats || {};
    const solver = this.plan.solver || {};
    const status = this.res.kind === "edit" ? "edited" : solver.status;
    const gapN = typeof s.visits === "number" && typeof s.lower_bound === "number" ? s.visits - s.lower_bound : null;
    const gapText = status !== "optimal" && gapN !== null && gapN > 0 ? t("gap", { n: gapN, p: fmtPct(s.visits ? gapN / s.visits : 0) }) : "";
    const fig = (id, value, name, cls, sub) =>
      h("div", { class: "figure" + (cls ? " " + cls : ""), id }, h("div", { class: "value", text: value }), h("div", { class: "name", text: name }), sub ? h("div", { class: "name", text: sub }) : null);
    return h(
      "div",
      { class: "figures", id: "figures" },
      fig("fig-visits", fmtNum(s.visits), t("figVisits")),
      fig("fig-saved", fmtNum(s.visits_saved), t("figSaved"), "ok", typeof s.reduction === "number" ? fmtPct(s.reduction) : ""),
      fig("fig-scheduled", `${fmtNum(s.scheduled)} / ${fmtNum(s.tasks)}`, t("figScheduled")),
      fig("fig-leftout", fmtNum(s.unscheduled_priority), t("figLeftOut"), s.unscheduled_priority ? "bad" : "", s.unscheduled ? `${s.unscheduled} ${t("colTasks")}` : ""),
      fig("fig-officers", fmtNum(s.officer_visits), t("figOfficerVisits")),
      fig("fig-travel", fmtNum(s.travel_minutes), t("figTravel")),
      fig("fig-status", tOr("status_" + status, status || "—"), t("figStatus"), status === "optimal" ? "ok" : "", gapText),
    );
  }

  /** Re-plan button and hand-out links. */
  actions() {
    const valid = !(this.res.violations || []).length;
    const base = `/api/plans/${seg(this.planId)}`;
    return h(
      "div",
      { class: "grid2" },
      h(
        "section",
        { class: "card", "aria-labelledby": "act-h" },
        h("h2", { id: "act-h", text: t("actionsTitle") }),
        h("p", { class: "small muted", text: t("pinHelp") }),
        h("button", { type: "button", class: "primary", id: "replan", text: t("replanButton"), onclick: () => replanDialog(this) }),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "hand-h" },
        h("h2", { id: "hand-h", text: t("handoutTitle") }),
        valid
          ? h(
              "div",
              { class: "row" },
              h("a", { class: "button primary", id: "download-zip", href: `${base}/export.zip${langQuery()}`, download: `onedoor-${this.planId}.zip`, text: t("downloadZip") }),
              h("a", { class: "button", id: "open-report", href: `${base}/report.html${langQuery()}`, target: "_blank", rel: "noopener", text: t("openReport") }),
              h("a", { class: "button", id: "open-notices", href: `${base}/notices.html${langQuery()}`, target: "_blank", rel: "noopener", text: t("openNotices") }),
            )
          : h("p", { class: "muted", text: t("handoutInvalid") }),
      ),
    );
  }

  /** Date tabs (arrow keys move between them). */
  tabs() {
    const list = h("div", { class: "tabs", role: "tablist", "aria-label": t("dates"), id: "date-tabs" });
    const select = (d, focus) => {
      this.date = d;
      for (const b of list.children) {
        const on = b.dataset.date === d;
        b.setAttribute("aria-selected", on ? "true" : "false");
        b.tabIndex = on ? 0 : -1;
        if (on && focus) b.focus();
      }
      this.drawDay();
    };
    for (const d of this.dates) {
      const n = (this.byDate.get(d) || []).length;
      list.append(
        h("button", {
          type: "button",
          role: "tab",
          "aria-selected": d === this.date ? "true" : "false",
          "aria-controls": "day",
          tabindex: d === this.date ? "0" : "-1",
          dataset: { date: d },
          text: `${fmtDate(d)} (${n})`,
          onclick: () => select(d, false),
        }),
      );
    }
    list.addEventListener("keydown", (e) => {
      const i = this.dates.indexOf(this.date);
      if (e.key === "ArrowRight" && i < this.dates.length - 1) select(this.dates[i + 1], true);
      else if (e.key === "ArrowLeft" && i > 0) select(this.dates[i - 1], true);
      else return;
      e.preventDefault();
    });
    return list;
  }

  /** The selected date: timeline and map side by side, then the visits table. */
  drawDay() {
    const visits = this.byDate.get(this.date) || [];
    fill(
      this.dayBox,
      h(
        "div",
        { class: "board", role: "tabpanel" },
        h("section", { "aria-labelledby": "tl-h" }, h("h2", { id: "tl-h", text: `${t("timelineTitle")} · ${fmtDate(this.date)}` }), this.timeline(visits)),
        h("section", { "aria-labelledby": "map-h" }, h("h2", { id: "map-h", text: t("mapTitle") }), h("div", { class: "map", id: "map" }, this.map(visits), h("p", { class: "map-note", text: t("mapNote") }))),
      ),
      this.visitsTable(visits),
    );
  }

  /** One row per officer working that date; a bar per visit from its start to its end. */
  timeline(visits) {
    const { idx } = this;
    const date = this.date;
    const span = Math.max(1, idx.dayEnd - idx.dayStart);
    const pos = (m) => (m - idx.dayStart) / span;
    const byInsp = new Map();
    for (const v of visits) for (const c of v.crew) {
      if (!byInsp.has(c.inspector)) byInsp.set(c.inspector, []);
      byInsp.get(c.inspector).push({ v, dept: c.department });
    }
    const rows = (idx.scn.inspectors || []).filter((i) => byInsp.has(i.id) || !this.away(i, date));
    const deptOrder = [...idx.departments.keys()];
    rows.sort((a, b) => deptOrder.indexOf(a.department) - deptOrder.indexOf(b.department) || a.id.localeCompare(b.id));
    const head = h("div", { class: "tl-head", "aria-hidden": "true" }, h("div"), h("div", { class: "tl-scale" }));
    const lines = h("div", { class: "tl-lines", "aria-hidden": "true" });
    for (let m = Math.ceil(idx.dayStart / 60) * 60; m <= idx.dayEnd; m += 60) {
      const f = pos(m);
      head.lastChild.append(h("span", { class: "tl-tick", style: { left: `${f * 100}%` }, text: fromMin(m) }));
      lines.append(h("div", { class: "tl-line", style: { left: `calc(var(--label) + (100% - var(--label)) * ${f})` } }));
    }
    const tl = h("div", { class: "timeline", id: "timeline", role: "list", "aria-label": t("timelineLabel", { date: fmtDate(date) }) }, head, lines);
    for (const insp of rows) {
      const mine = byInsp.get(insp.id) || [];
      const certified = insp.certified !== false;
      const name = h(
        "button",
        {
          type: "button",
          class: "tl-name",
          "aria-pressed": this.selectedInspector === insp.id ? "true" : "false",
          title: `${insp.name || insp.id} (${insp.id}) · ${deptName(idx, insp.department)} · ${certified ? t("certified") : t("notCertified")}`,
          onclick: () => {
            this.selectedInspector = this.selectedInspector === insp.id ? null : insp.id;
            this.drawDay();
          },
        },
        deptDot(idx, insp.department),
        h("span", { text: insp.name || insp.id }),
        certified ? h("span", { class: "badge cert", title: t("certified"), text: t("certifiedMark") }) : null,
      );
      const track = h("div", { class: "tl-track" });
      for (const { v, dept } of mine) {
        const s = toMin(v.start);
        const e = toMin(v.end);
        const depts = visitDepartments(idx, v);
        const label = `${fromMin(s)}–${fromMin(e)} ${busName(idx, v.business)} · ${depts.map((d) => shortDept(deptName(idx, d))).join("、")}`;
        track.append(
          h(
            "button",
            {
              type: "button",
              class: "tl-bar" + (this.pins.has(v.id) ? " pinned" : ""),
              style: { left: `${pos(s) * 100}%`, width: `${((e - s) / span) * 100}%`, "border-left": `4px solid ${idx.colour.get(dept) || "#999"}` },
              title: `${v.id} ${label}`,
              "aria-label": `${insp.name || insp.id}: ${label}${this.pins.has(v.id) ? " · " + t("pinned") : ""}`,
              dataset: { visit: v.id },
              onclick: () => editDialog(this, v),
            },
            busName(idx, v.business),
            h("span", { class: "sub", text: depts.map((d) => shortDept(deptName(idx, d))).join("·") }),
            h("span", { class: "strip", "aria-hidden": "true" }, depts.map((d) => h("span", { style: { background: idx.colour.get(d) } }))),
          ),
        );
      }
      tl.append(
        h(
          "div",
          { class: "tl-row" + (mine.length ? "" : " idle") + (this.selectedInspector === insp.id ? " selected" : ""), role: "listitem", title: mine.length ? null : t("idle") },
          name,
          track,
        ),
      );
    }
    return tl;
  }

  /** An SVG map of the day (no tiles): visited businesses, bases, the chosen officer's route. */
  map(visits) {
    const { idx } = this;
    const nodes = [...(idx.scn.places || []), ...(idx.scn.businesses || [])].filter((n) => n.location);
    if (!nodes.length) return h("p", { class: "map-note", text: "—" });
    const geo = nodes.some((n) => "lat" in n.location);
    const lat0 = geo ? nodes.reduce((a, n) => a + (n.location.lat || 0), 0) / nodes.length : 0;
    const k = Math.cos((lat0 * Math.PI) / 180);
    const xy = (n) => (geo ? [n.location.lon * k, -n.location.lat] : [n.location.x, -n.location.y]);
    // Zoom to the day: the businesses visited and the bases of the officers out that day.
    const dayNodes = [];
    for (const v of visits) {
      const b = idx.businesses.get(v.business);
      if (b && b.location) dayNodes.push(b);
      for (const c of v.crew) {
        const insp = idx.inspectors.get(c.inspector);
        const base = insp && (idx.places.get(insp.base) || idx.businesses.get(insp.base));
        if (base && base.location) dayNodes.push(base);
      }
    }
    const pts = (dayNodes.length ? dayNodes : nodes).map(xy);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of pts) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const w = Math.max(maxX - minX, 1e-6);
    const hgt = Math.max(maxY - minY, 1e-6);
    const pad = Math.max(w, hgt) * 0.05;
    const ext = Math.max(w, hgt);
    const r = ext * 0.012;
    const svg = h("svg:svg", { viewBox: `${minX - pad} ${minY - pad} ${w + 2 * pad} ${hgt + 2 * pad}`, role: "img", "aria-label": `${t("mapTitle")} · ${fmtDate(this.date)}`, preserveAspectRatio: "xMidYMid meet" });
    const visitedAt = new Map(visits.map((v) => [v.business, v]));
    for (const b of idx.scn.businesses || []) {
      if (!b.location || visitedAt.has(b.id)) continue;
      const [x, y] = xy(b);
      svg.append(h("svg:circle", { cx: x, cy: y, r: r * 0.45, class: "node" }));
    }
    const baseIds = new Set((idx.scn.inspectors || []).map((i) => i.base));
    for (const p of nodes) {
      if (!baseIds.has(p.id)) continue;
      const [x, y] = xy(p);
      svg.append(h("svg:rect", { x: x - r * 0.8, y: y - r * 0.8, width: r * 1.6, height: r * 1.6, class: "base" }, h("svg:title", { text: p.name || p.id })));
    }
    if (this.selectedInspector) {
      const insp = idx.inspectors.get(this.selectedInspector);
      const mine = visits.filter((v) => v.crew.some((c) => c.inspector === this.selectedInspector));
      const base = insp && (idx.places.get(insp.base) || idx.businesses.get(insp.base));
      if (base && base.location && mine.length) {
        const route = [base, ...mine.map((v) => idx.businesses.get(v.business)).filter((b) => b && b.location), base].map(xy);
        svg.append(h("svg:polyline", { points: route.map((p) => p.join(",")).join(" "), class: "route" }));
      }
    }
    for (const v of visits) {
      const b = idx.businesses.get(v.business);
      if (!b || !b.location) continue;
      const [x, y] = xy(b);
      const lead = visitDepartments(idx, v)[0];
      svg.append(
        h(
          "svg:circle",
          { cx: x, cy: y, r, class: "visit" + (this.pins.has(v.id) ? " pinned" : ""), fill: idx.colour.get(lead) || "#666", "stroke-width": r * 0.25, onclick: () => editDialog(this, v) },
          h("svg:title", { text: `${v.start}–${v.end} ${b.name || b.id} (${v.id})` }),
        ),
      );
    }
    return svg;
  }

  /** The selected date's visits: time, business, departments, crew, pin, adjust. */
  visitsTable(visits) {
    const { idx } = this;
    if (!visits.length) return h("p", { class: "muted", text: t("noVisits") });
    return h(
      "section",
      { "aria-labelledby": "visits-h" },
      h("h2", { id: "visits-h", text: t("visitsTitle", { date: fmtDate(this.date) }) }),
      table(
        [t("colTime"), t("colBusiness"), t("colDepartments"), t("colTasks"), t("colCrew"), t("colPin"), t("colEdit")],
        visits.map((v) => {
          const pinned = this.pins.has(v.id);
          const hidden = v.tasks.some((id) => !announcedTask(idx.tasks.get(id)));
          return [
            { attrs: { class: "nowrap" }, content: `${v.start}–${v.end}` },
            [busName(idx, v.business), h("span", { class: "muted small", text: ` ${v.business} · ${v.id}` }), hidden ? [" ", h("span", { class: "badge warn", text: t("unannounced") })] : null],
            visitDepartments(idx, v).map((d) => h("div", { class: "nowrap" }, deptDot(idx, d), " ", shortDept(deptName(idx, d)))),
            { attrs: { class: "small" }, content: v.tasks.join(", ") },
            v.crew.map((c) => {
              const insp = idx.inspectors.get(c.inspector) || {};
              return h("div", { class: "nowrap" }, insp.name || c.inspector, insp.certified !== false ? [" ", h("span", { class: "badge cert", title: t("certified"), text: t("certifiedMark") })] : null, h("span", { class: "muted small", text: ` ${shortDept(deptName(idx, c.department))}` }));
            }),
            h("button", {
              type: "button",
              class: "pin-toggle",
              "aria-pressed": pinned ? "true" : "false",
              dataset: { visit: v.id },
              text: pinned ? t("pinned") : t("pin"),
              onclick: () => this.togglePin(v.id),
            }),
            h("button", { type: "button", class: "edit-visit", dataset: { visit: v.id }, text: t("edit"), onclick: () => editDialog(this, v) }),
          ];
        }),
        { id: "visits-table" },
      ),
    );
  }

  /** Pins or unpins a visit (PUT pins with the whole list) and redraws the day. */
  async togglePin(visitId) {
    const next = new Set(this.pins);
    if (next.has(visitId)) next.delete(visitId);
    else next.add(visitId);
    try {
      const res = await api.put(`/api/plans/${seg(this.planId)}/pins`, { visits: [...next].sort() });
      this.pins = new Set(res && Array.isArray(res.pins) ? res.pins : next);
      toast(t("pinsSaved", { n: this.pins.size }));
      this.drawDay();
    } catch (err) {
      toast(errorText(err));
    }
  }

  /** Tasks left out, with their reasons in words (first 100, then more on request). */
  leftOutSection() {
    const { idx } = this;
    // Highest priority first: those are the ones a coordinator must act on.
    const prio = (u) => (idx.tasks.get(u.task) || {}).priority ?? 1;
    const list = (this.plan.unscheduled || []).slice().sort((a, b) => prio(b) - prio(a) || a.task.localeCompare(b.task));
    // The server's sentence in the page's language (rebuilt from the reason and the
    // week); the plan's own `detail` is English and only a fallback.
    const reasons = this.res.reasons || {};
    const reasonWords = (u) => reasons[u.task] || u.detail || "";
    const box = h("section", { class: "card", "aria-labelledby": "left-h", id: "left-out" });
    const draw = () => {
      const shown = list.slice(0, this.leftOutShown);
      fill(
        box,
        h("h2", { id: "left-h", text: t("leftOutTitle", { n: list.length }) }),
        list.length
          ? table(
              [t("colTask"), t("colBusiness"), t("department"), num(t("colPriority")), t("colReason")],
              shown.map((u) => {
                const task = idx.tasks.get(u.task) || {};
                return [
                  u.task,
                  busName(idx, task.business),
                  h("span", { class: "nowrap" }, deptDot(idx, task.department), " ", shortDept(deptName(idx, task.department))),
                  num(task.priority ?? 1),
                  [h("strong", { text: tOr("reason_" + u.reason, u.reason) }), reasonWords(u) ? h("div", { class: "small muted", text: reasonWords(u) }) : null],
                ];
              }),
            )
          : h("p", { class: "muted", text: t("noLeftOut") }),
        list.length > shown.length
          ? h("button", {
              type: "button",
              text: t("showMore", { n: Math.min(500, list.length - shown.length) }),
              onclick: () => {
                this.leftOutShown += 500;
                draw();
              },
            })
          : null,
      );
    };
    draw();
    return box;
  }

  /** The facts a re-plan was asked to take in (its request), in words, when the server sends them. */
  factsLine() {
    const req = this.res.request;
    if (!req || typeof req !== "object") return null;
    const { idx } = this;
    const pair = (s) => String(s).split(/:(?=\d{4}-\d{2}-\d{2}$)/);
    const words = [
      ...(req.unavailable || []).map((s) => {
        const [who, date] = pair(s);
        return t("fact_unavailable", { who: inspName(idx, who), date: fmtDate(date) });
      }),
      ...(req.close || []).map((s) => {
        const [who, date] = pair(s);
        return t("fact_close", { who: busName(idx, who), date: fmtDate(date) });
      }),
      ...(req.holiday || []).map((d) => t("fact_holiday", { date: fmtDate(d) })),
      ...(req.add_tasks || []).map((task) => t("fact_task", { id: task.id, dept: shortDept(deptName(idx, task.department)), who: busName(idx, task.business), min: task.minutes })),
    ];
    return words.length ? h("p", { class: "warn-line", id: "replan-facts" }, h("strong", { text: t("factsChosen") + "：" }), words.join("；")) : null;
  }

  /** Officers away on the board's date: their own days off and, for a re-plan, the new ones. */
  away(inspector, date) {
    if ((inspector.unavailable || []).includes(date)) return true;
    const req = this.res.request;
    return !!(req && Array.isArray(req.unavailable) && req.unavailable.includes(`${inspector.id}:${date}`));
  }

  /** A re-plan's change list: who and which businesses must be told. */
  changesSection() {
    const ch = this.res.changes || this.plan.changes;
    if (!ch) return null;
    const { idx } = this;
    const parentPlan = this.parent && this.parent.plan;
    const visitById = new Map([...(parentPlan ? parentPlan.visits : []), ...this.plan.visits].map((v) => [v.id, v]));
    const depts = (list) => (list || []).map((d) => shortDept(deptName(idx, d))).join("、");
    const changeText = (c) => {
      if (c.kind === "moved") return t("change_moved", { visit: c.visit, from: fmtAt(c.from), to: fmtAt(c.to) });
      if (c.kind === "new") return t("change_new", { visit: c.visit, to: fmtAt(c.to), depts: depts(c.added) });
      if (c.kind === "cancelled") return t("change_cancelled", { visit: c.visit, from: fmtAt(c.from), depts: depts(c.removed) });
      const diff = [c.added && c.added.length ? t("deptAdded", { d: depts(c.added) }) : null, c.removed && c.removed.length ? t("deptRemoved", { d: depts(c.removed) }) : null].filter(Boolean).join("；");
      return t("change_departments", { visit: c.visit, to: fmtAt(c.to), diff });
    };
    const secret = (c) => {
      const v = visitById.get(c.visit);
      return v && v.tasks.some((id) => !announcedTask(idx.tasks.get(id)));
    };
    const obj = ch.objective || {};
    const levels = ["unscheduled_priority", "disrupted_tasks", "visits", "officer_visits", "travel_minutes"];
    const businesses = ch.businesses || [];
    const inspectors = ch.inspectors || [];
    return h(
      "section",
      { class: "card", id: "changes", "aria-labelledby": "changes-h" },
      h("h2", { id: "changes-h", text: t("changesTitle", { date: fmtDate(ch.from) }) }),
      this.factsLine(),
      h("p", { text: t("changesSummary", { kept: (ch.kept || []).length, recrewed: (ch.recrewed || []).length, history: (ch.history || []).length, disrupted: (ch.disrupted_tasks || []).length }) }),
      h(
        "div",
        { class: "grid2" },
        h(
          "div",
          {},
          h("h3", { text: t("tellBusinesses", { n: businesses.length }) }),
          businesses.length
            ? table(
                [t("colBusiness"), t("change")],
                businesses.map((b) => [
                  [busName(idx, b.business), h("span", { class: "muted small", text: " " + b.business })],
                  (b.changes || []).map((c) => h("div", {}, changeText(c), secret(c) ? [" ", h("span", { class: "badge bad", text: t("doNotTell") })] : null)),
                ]),
                { id: "changes-businesses" },
              )
            : h("p", { class: "muted", text: t("noBusinessChanges") }),
        ),
        h(
          "div",
          {},
          h("h3", { text: t("tellInspectors", { n: inspectors.length }) }),
          inspectors.length
            ? table(
                [t("inspector"), t("colDatesChanged")],
                inspectors.map((i) => [inspName(idx, i.inspector) + ` (${i.inspector})`, (i.dates || []).map(fmtDate).join("，")]),
                { id: "changes-inspectors" },
              )
            : h("p", { class: "muted", text: t("noInspectorChanges") }),
          obj.announced && obj.replanned
            ? [
                h("h3", { text: t("changesObjective") }),
                table(
                  [t("figure"), num(t("announced")), num(t("replanned")), num(t("change"))],
                  levels.map((l) => [t("obj_" + l), num(fmtNum(obj.announced[l])), num(fmtNum(obj.replanned[l])), num(signed(obj.replanned[l] - obj.announced[l]), obj.replanned[l] > obj.announced[l] ? "delta-bad" : obj.replanned[l] < obj.announced[l] ? "delta-good" : "")]),
                ),
              ]
            : null,
        ),
      ),
    );
  }
}

const signed = (n) => (typeof n !== "number" || Number.isNaN(n) ? "" : n > 0 ? `+${fmtNum(n)}` : n === 0 ? "0" : fmtNum(n));

/** The checker's violations as a list in words. */
function violationsList(violations) {
  return h(
    "ul",
    { class: "violations" },
    violations.map((v) => h("li", {}, h("strong", { text: `${v.code}${v.rule ? " " + v.rule : ""}` }), " ", v.message || "")),
  );
}

// ---------------------------------------------------------------------------------------
// 10. edit: move a visit or change its crew by hand, checked at once
// ---------------------------------------------------------------------------------------

/** The plan fields the format has (a plan as the API returns it may carry more). */
function planForFile(plan) {
  const { version, scenario, visits, unscheduled, stats, solver } = plan;
  return { version, scenario, visits, unscheduled, stats, solver };
}

/**
 * Checks a plan (POST /check) against the facts of plan `parent` (a re-plan's changed
 * week: an officer made unavailable stays unavailable). The server recomputes the plan's
 * figures before checking, so the checker judges the edit, not the sums.
 */
async function checkPlan(weekId, parent, plan) {
  const res = await api.post(`/api/weeks/${seg(weekId)}/check?parent=${encodeURIComponent(parent)}`, plan);
  return res || { violations: [] };
}

function editDialog(board, visit) {
  const { idx } = board;
  const depts = visitDepartments(idx, visit);
  const length = toMin(visit.end) - toMin(visit.start);
  const dateSel = h("select", { id: "edit-date" }, board.dates.map((d) => h("option", { value: d, selected: d === visit.date, text: fmtDate(d) })));
  const startIn = h("input", { id: "edit-start", type: "time", value: visit.start, step: "60", required: true });
  const endNote = h("span", { class: "muted" });
  const crewNow = new Map(visit.crew.map((c) => [c.inspector, c.department]));
  // Officers who may act for a department of the visit: own department or acts_for.
  const candidates = (idx.scn.inspectors || []).filter((i) => depts.some((d) => i.department === d || (i.acts_for || []).includes(d)));
  candidates.sort((a, b) => (crewNow.has(b.id) ? 1 : 0) - (crewNow.has(a.id) ? 1 : 0) || depts.indexOf(a.department) - depts.indexOf(b.department) || a.id.localeCompare(b.id));
  const crewSelects = candidates.map((i) => {
    const may = depts.filter((d) => i.department === d || (i.acts_for || []).includes(d));
    const sel = h(
      "select",
      { id: `crew-${i.id}`, dataset: { inspector: i.id } },
      h("option", { value: "", text: t("notInCrew") }),
      may.map((d) => h("option", { value: d, selected: crewNow.get(i.id) === d, text: shortDept(deptName(idx, d)) })),
    );
    const away = h("span", { class: "badge warn", hidden: !(i.unavailable || []).includes(dateSel.value), dataset: { away: (i.unavailable || []).join(" ") }, text: t("unavailableThatDay") });
    return h(
      "div",
      { class: "crew-item" },
      h("label", { for: `crew-${i.id}`, class: "nowrap" }, deptDot(idx, i.department), " ", i.name || i.id, i.certified !== false ? [" ", h("span", { class: "badge cert", text: t("certifiedMark") })] : null, " ", away),
      sel,
    );
  });
  const verdict = h("div", { id: "edit-verdict", "aria-live": "polite" });
  const saveBtn = h("button", { type: "button", class: "primary", id: "edit-save", disabled: true, text: t("saveVersion") });
  const draftBtn = h("button", { type: "button", class: "danger", id: "edit-draft", hidden: true, text: t("saveDraft") });
  let edited = null;
  let seq = 0;

  /** The plan with this visit changed as the dialog says. */
  function build() {
    const start = toMin(startIn.value || visit.start);
    const crew = [];
    for (const sel of dialog.querySelectorAll("select[data-inspector]")) if (sel.value) crew.push({ inspector: sel.dataset.inspector, department: sel.value });
    const changed = { ...visit, date: dateSel.value, start: fromMin(start), end: fromMin(Math.min(start + length, 24 * 60 - 1)), crew };
    endNote.textContent = t("editEnd", { end: changed.end });
    for (const b of dialog.querySelectorAll("[data-away]")) b.hidden = !b.dataset.away.split(" ").includes(changed.date);
    const plan = planForFile(JSON.parse(JSON.stringify(board.plan)));
    plan.visits = plan.visits.map((v) => (v.id === visit.id ? changed : v));
    plan.solver = { status: "edited", edited_from: board.planId };
    return plan;
  }

  /** Checks the edited plan at once and shows the violations in words. */
  async function recheck() {
    const mine = ++seq;
    const plan = build();
    saveBtn.disabled = true;
    draftBtn.hidden = true;
    fill(verdict, h("p", { class: "muted", text: t("checking") }));
    try {
      const res = await checkPlan(board.res.week, board.planId, plan);
      if (mine !== seq) return;
      edited = plan;
      const v = res.violations || [];
      if (!v.length) {
        fill(verdict, h("p", { class: "ok-line", text: t("editValid") }));
        saveBtn.disabled = false;
      } else {
        fill(verdict, h("div", { class: "error-line", role: "alert" }, t("editViolations", { n: v.length }), violationsList(v)));
        draftBtn.hidden = false;
      }
    } catch (err) {
      if (mine === seq) fill(verdict, errorBox(err));
    }
  }

  async function save(draft) {
    if (!edited) return;
    if (draft && !window.confirm(t("confirmDraft"))) return;
    saveBtn.disabled = true;
    try {
      const res = await api.post(`/api/weeks/${seg(board.res.week)}/plans/edited`, { plan: edited, parent: board.planId, draft });
      dialog.close();
      toast(t("saved", { id: res.id }));
      location.hash = `#/plan/${seg(res.id)}`;
    } catch (err) {
      fill(verdict, errorBox(err));
      if (err instanceof ApiError && err.body && Array.isArray(err.body.violations)) verdict.append(violationsList(err.body.violations));
    }
  }
  saveBtn.addEventListener("click", () => save(false));
  draftBtn.addEventListener("click", () => save(true));

  const pinBtn = h("button", {
    type: "button",
    id: "edit-pin",
    "aria-pressed": board.pins.has(visit.id) ? "true" : "false",
    text: board.pins.has(visit.id) ? t("pinned") : t("pin"),
    onclick: async () => {
      await board.togglePin(visit.id);
      pinBtn.setAttribute("aria-pressed", board.pins.has(visit.id) ? "true" : "false");
      pinBtn.textContent = board.pins.has(visit.id) ? t("pinned") : t("pin");
    },
  });
  const body = h(
    "div",
    { class: "stack" },
    h("p", { class: "muted", text: t("editTasks", { tasks: visit.tasks.map((id) => `${id} (${shortDept(deptName(idx, (idx.tasks.get(id) || {}).department))})`).join(", ") }) }),
    h("div", { class: "row" }, h("div", { class: "field" }, h("label", { for: "edit-date", text: t("editDate") }), dateSel), h("div", { class: "field" }, h("label", { for: "edit-start", text: t("editStart") }), startIn), endNote, pinBtn),
    h("fieldset", {}, h("legend", { text: t("editCrew") }), h("div", { class: "crew-list" }, crewSelects)),
    verdict,
    h("div", { class: "row end" }, draftBtn, saveBtn, h("button", { type: "button", text: t("close"), onclick: () => dialog.close() })),
  );
  const dialog = openDialog(t("editTitle", { visit: visit.id, business: busName(idx, visit.business) }), body);
  dialog.id = "edit-dialog";
  let debounce = null;
  const later = () => {
    clearTimeout(debounce);
    debounce = setTimeout(recheck, 250);
  };
  body.addEventListener("change", (e) => {
    if (e.target !== pinBtn) later();
  });
  startIn.addEventListener("input", later);
  build();
}

// ---------------------------------------------------------------------------------------
// 11. re-plan: change facts and re-plan from a date
// ---------------------------------------------------------------------------------------

/** An input with a datalist of businesses ("B001 沙滩海鲜楼"); returns [input, read()]. */
function businessPicker(idx, id) {
  const listId = `${id}-list`;
  const input = h("input", { id, list: listId, placeholder: t("pickBusiness"), autocomplete: "off" });
  const dl = h("datalist", { id: listId }, (idx.scn.businesses || []).map((b) => h("option", { value: `${b.id} ${b.name || ""}`.trim() })));
  const read = () => {
    const v = input.value.trim();
    const first = v.split(/\s+/)[0];
    if (idx.businesses.has(first)) return first;
    const byName = (idx.scn.businesses || []).find((b) => b.name === v);
    return byName ? byName.id : null;
  };
  return [h("span", {}, input, dl), read, input];
}

function inspectorSelect(idx, id) {
  return h(
    "select",
    { id },
    (idx.scn.inspectors || []).map((i) => h("option", { value: i.id, text: `${i.name || i.id} (${i.id}) · ${shortDept(deptName(idx, i.department))}` })),
  );
}

function dateSelect(dates, id, selected) {
  return h("select", { id }, dates.map((d) => h("option", { value: d, selected: d === selected, text: fmtDate(d) })));
}

/**
 * Builds a list of changed facts (unavailable officer, closed business, holiday, urgent
 * task); used by the re-plan dialog and by each what-if variant. Returns the element and
 * facts(), the list of {kind, …}.
 */
function factsEditor(idx, prefix, options) {
  const facts = [];
  const chosen = h("ul", { class: "facts", id: `${prefix}-facts` });
  const msg = h("div", { "aria-live": "polite" });
  const dates = idx.allDates;
  const describe = (f) => {
    if (f.kind === "unavailable") return t("fact_unavailable", { who: inspName(idx, f.inspector), date: fmtDate(f.date) });
    if (f.kind === "close") return t("fact_close", { who: busName(idx, f.business), date: fmtDate(f.date) });
    if (f.kind === "holiday") return t("fact_holiday", { date: fmtDate(f.date) });
    if (f.kind === "drop") return `${t("dropInspector")}: ${inspName(idx, f.inspector)}`;
    if (f.kind === "certified") return `${t("ruleCertified")}: ${f.value}`;
    return t("fact_task", { id: f.task.id, dept: shortDept(deptName(idx, f.task.department)), who: busName(idx, f.task.business), min: f.task.minutes });
  };
  const redraw = () => {
    fill(
      chosen,
      facts.length
        ? facts.map((f, i) =>
            h("li", {}, h("span", { text: describe(f) }), h("button", { type: "button", class: "ghost", "aria-label": `${t("remove")}: ${describe(f)}`, text: "✕", onclick: () => { facts.splice(i, 1); redraw(); } })),
          )
        : h("li", { class: "muted", text: t("noFacts") }),
    );
  };
  const add = (f) => {
    facts.push(f);
    fill(msg);
    redraw();
  };
  const p = (s) => `${prefix}-${s}`;
  const inspA = inspectorSelect(idx, p("unav-insp"));
  const dateA = dateSelect(dates, p("unav-date"), idx.workDates[0]);
  const [bizWrap, readBiz] = businessPicker(idx, p("close-biz"));
  const dateB = dateSelect(dates, p("close-date"), idx.workDates[0]);
  const dateC = dateSelect(dates, p("hol-date"), idx.workDates[0]);
  const blocks = [
    h("fieldset", {}, h("legend", { text: t("factUnavailable") }), h("div", { class: "row" }, h("label", { for: p("unav-insp"), class: "sr", text: t("inspector") }), inspA, h("label", { for: p("unav-date"), text: t("date") }), dateA, h("button", { type: "button", id: p("add-unav"), text: t("add"), onclick: () => add({ kind: "unavailable", inspector: inspA.value, date: dateA.value }) }))),
    h("fieldset", {}, h("legend", { text: t("factClosed") }), h("div", { class: "row" }, h("label", { for: p("close-biz"), text: t("business") }), bizWrap, h("label", { for: p("close-date"), text: t("date") }), dateB, h("button", { type: "button", id: p("add-close"), text: t("add"), onclick: () => { const b = readBiz(); if (!b) return fill(msg, h("p", { class: "error-line", text: t("unknownBusiness", { v: "" }) })); add({ kind: "close", business: b, date: dateB.value }); } }))),
    h("fieldset", {}, h("legend", { text: t("factHoliday") }), h("div", { class: "row" }, h("label", { for: p("hol-date"), text: t("date") }), dateC, h("button", { type: "button", id: p("add-hol"), text: t("add"), onclick: () => add({ kind: "holiday", date: dateC.value }) }))),
  ];
  if (options.urgent) {
    const dept = h("select", { id: p("task-dept") }, [...idx.departments.values()].map((d) => h("option", { value: d.id, text: d.name })));
    const [bizT, readBizT] = businessPicker(idx, p("task-biz"));
    const minutes = h("input", { id: p("task-min"), type: "number", min: "1", max: "1440", value: "60" });
    const prio = h("input", { id: p("task-prio"), type: "number", min: "1", max: "1000", value: "100" });
    const officers = h("input", { id: p("task-off"), type: "number", min: "1", max: "20", value: "1" });
    const earliest = dateSelect(dates, p("task-early"), options.from ? options.from() : dates[0]);
    const latest = dateSelect(dates, p("task-late"), dates[dates.length - 1]);
    const joinable = h("input", { id: p("task-join"), type: "checkbox", checked: true });
    blocks.push(
      h(
        "fieldset",
        {},
        h("legend", { text: t("factUrgent") }),
        h(
          "div",
          { class: "row" },
          h("div", { class: "field" }, h("label", { for: p("task-dept"), text: t("department") }), dept),
          h("div", { class: "field" }, h("label", { for: p("task-biz"), text: t("business") }), bizT),
          h("div", { class: "field" }, h("label", { for: p("task-min"), text: t("minutes") }), minutes),
          h("div", { class: "field" }, h("label", { for: p("task-prio"), text: t("priority") }), prio),
          h("div", { class: "field" }, h("label", { for: p("task-off"), text: t("officers") }), officers),
          h("div", { class: "field" }, h("label", { for: p("task-early"), text: t("earliest") }), earliest),
          h("div", { class: "field" }, h("label", { for: p("task-late"), text: t("latest") }), latest),
          h("label", { class: "check-label" }, joinable, t("joinable")),
          h("button", {
            type: "button",
            id: p("add-task"),
            text: t("add"),
            onclick: () => {
              const b = readBizT();
              if (!b) return fill(msg, h("p", { class: "error-line", text: t("unknownBusiness", { v: "" }) }));
              let n = 1;
              const taken = (id) => idx.tasks.has(id) || facts.some((f) => f.task && f.task.id === id);
              while (taken(`U${String(n).padStart(3, "0")}`)) n++;
              add({
                kind: "task",
                task: { id: `U${String(n).padStart(3, "0")}`, department: dept.value, business: b, minutes: Number(minutes.value), priority: Number(prio.value), officers: Number(officers.value), earliest: earliest.value, latest: latest.value, joinable: joinable.checked },
              });
            },
          }),
        ),
      ),
    );
  }
  if (options.variant) {
    const inspD = inspectorSelect(idx, p("drop-insp"));
    const cert = h("input", { id: p("rule-cert"), type: "number", min: "0", max: "20", value: String((idx.scn.rules || {}).min_certified_per_visit ?? 2) });
    blocks.push(
      h("fieldset", {}, h("legend", { text: t("dropInspector") }), h("div", { class: "row" }, h("label", { for: p("drop-insp"), class: "sr", text: t("inspector") }), inspD, h("button", { type: "button", id: p("add-drop"), text: t("add"), onclick: () => add({ kind: "drop", inspector: inspD.value }) }))),
      h("fieldset", {}, h("legend", { text: t("ruleCertified") }), h("div", { class: "row" }, h("label", { for: p("rule-cert"), class: "sr", text: t("ruleCertified") }), cert, h("button", { type: "button", id: p("add-cert"), text: t("add"), onclick: () => add({ kind: "certified", value: Number(cert.value) }) }))),
    );
  }
  redraw();
  return { el: h("div", { class: "stack" }, blocks, msg, h("h3", { text: t("factsChosen") }), chosen), facts: () => facts.slice() };
}

function replanDialog(board) {
  const { idx } = board;
  const firstFuture = board.dates[0];
  const fromSel = dateSelect(board.dates, "replan-from", firstFuture);
  const editor = factsEditor(idx, "rp", { urgent: true, from: () => fromSel.value });
  const msg = h("div", { "aria-live": "polite" });
  const go = h("button", {
    type: "button",
    class: "primary",
    id: "replan-go",
    text: t("startReplan"),
    onclick: async () => {
      const facts = editor.facts();
      const body = {
        from: fromSel.value,
        unavailable: facts.filter((f) => f.kind === "unavailable").map((f) => `${f.inspector}:${f.date}`),
        close: facts.filter((f) => f.kind === "close").map((f) => `${f.business}:${f.date}`),
        holiday: facts.filter((f) => f.kind === "holiday").map((f) => f.date),
      };
      const tasks = facts.filter((f) => f.kind === "task").map((f) => f.task);
      if (tasks.length) body.add_tasks = tasks;
      go.disabled = true;
      try {
        const res = await api.post(`/api/plans/${seg(board.planId)}/replan`, body);
        dialog.close();
        location.hash = `#/plan/${seg(res.id)}`;
      } catch (err) {
        fill(msg, errorBox(err));
        go.disabled = false;
      }
    },
  });
  const dialog = openDialog(
    t("replanTitle"),
    h(
      "div",
      { class: "stack" },
      h("p", { class: "muted", text: t("replanHelp") }),
      h("div", { class: "row" }, h("label", { for: "replan-from", text: t("replanFrom") }), fromSel),
      editor.el,
      msg,
      h("div", { class: "row end" }, go, h("button", { type: "button", text: t("close"), onclick: () => dialog.close() })),
    ),
  );
  dialog.id = "replan-dialog";
}

// ---------------------------------------------------------------------------------------
// 12. what-if: variants side by side, the staffing curve
// ---------------------------------------------------------------------------------------

/** A what-if variant as the API takes it: a name and the week's changed facts. */
function variantOf(name, facts) {
  const v = { name };
  const put = (key, value) => (v[key] = v[key] || []).push(value);
  for (const f of facts) {
    if (f.kind === "unavailable") put("unavailable", `${f.inspector}:${f.date}`);
    else if (f.kind === "close") put("close", `${f.business}:${f.date}`);
    else if (f.kind === "holiday") put("holiday", f.date);
    else if (f.kind === "drop") put("drop_inspector", f.inspector);
    else if (f.kind === "certified") put("rule", `min_certified_per_visit=${f.value}`);
    else if (f.kind === "task") put("add_tasks", f.task);
  }
  return v;
}

function whatifSection(weekId, idx) {
  const variants = [];
  const list = h("div", { class: "stack", id: "variants" });
  const out = h("div", { id: "whatif-result", "aria-live": "polite" });
  const certify = h("input", { id: "whatif-certify", type: "number", min: "0", max: "20", value: "0" });
  const limit = h("select", { id: "whatif-limit" }, [10, 30, 60, 120].map((n) => h("option", { value: n, selected: n === 30, text: t("seconds", { n }) })));
  let timer = null;
  const addVariant = () => {
    const n = variants.length + 1;
    const name = h("input", { id: `variant-${n}-name`, value: t("variant", { n }) });
    const editor = factsEditor(idx, `wv${n}`, { variant: true });
    variants.push({ name, editor, n });
    list.append(h("fieldset", { class: "card" }, h("legend", { text: t("variant", { n }) }), h("div", { class: "row" }, h("label", { for: `variant-${n}-name`, text: t("variantName") }), name), editor.el));
  };
  const run = h("button", {
    type: "button",
    class: "primary",
    id: "whatif-run",
    text: t("whatifRun"),
    onclick: async () => {
      const body = { variants: variants.map((v) => variantOf(v.name.value.trim() || t("variant", { n: v.n }), v.editor.facts())) };
      const n = Number(certify.value);
      if (n > 0) body.certify = n;
      body.time_limit = Number(limit.value);
      if (!body.variants.length && !body.certify) return fill(out, h("p", { class: "error-line", text: t("whatifNeed") }));
      run.disabled = true;
      fill(out, h("p", { class: "muted", text: t("whatifRunning") }), h("div", { class: "progress indeterminate" }, h("div")));
      try {
        const res = await api.post(`/api/weeks/${seg(weekId)}/whatif`, body);
        const poll = async () => {
          try {
            const job = await api.get(`/api/jobs/${seg(res.id)}`);
            if (!document.body.contains(out)) return;
            if (job.state === "queued" || job.state === "running") {
              timer = setTimeout(poll, 1000);
              return;
            }
            run.disabled = false;
            if (job.state === "failed") return fill(out, h("p", { class: "error-line", text: t("failed", { msg: (job.error && (job.error.message || job.error.code)) || "" }) }));
            fill(out, whatifResult(idx, job.result || {}));
          } catch (err) {
            run.disabled = false;
            fill(out, errorBox(err));
          }
        };
        poll();
      } catch (err) {
        run.disabled = false;
        fill(out, errorBox(err));
      }
    },
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "whatif-h", id: "whatif" },
    h("h2", { id: "whatif-h", text: t("whatifTitle") }),
    h("p", { class: "small muted", text: t("whatifHelp") }),
    list,
    h("div", { class: "row" }, h("button", { type: "button", id: "add-variant", text: t("addVariant"), onclick: addVariant }), h("label", { for: "whatif-certify", text: t("certify") }), certify, h("label", { for: "whatif-limit", text: t("timeLimit") }), limit, run),
    out,
  );
}

/** A what-if row's name in words ("officer-hours fire" → "人·小时 消防救援"). */
function figureName(idx, figure) {
  const m = /^officer-hours (.+)$/.exec(figure);
  if (m) return `${t("officerHours")} · ${shortDept(deptName(idx, m[1]))}`;
  return tOr("fig_" + figure, figure);
}

/** The what-if table (figures × cases, with changes against the base) and the curve. */
function whatifResult(idx, result) {
  const cmp = result.comparison || result;
  const parts = [];
  if (cmp && Array.isArray(cmp.rows)) {
    const cols = cmp.columns || [];
    parts.push(
      table(
        [t("figure"), ...cols.map((c, i) => num(i === 0 ? `${t("base")}` : c))],
        cmp.rows.map((r) => [
          figureName(idx, r.figure),
          ...(r.values || []).map((v, i) => {
            const d = (r.deltas || [])[i];
            return num([fmtNum(v), i > 0 && typeof d === "number" && d !== 0 ? h("span", { class: "small muted", text: ` (${signed(d)})` }) : null]);
          }),
        ]),
        { id: "whatif-table", class: "compact" },
      ),
    );
  }
  const staffing = result.staffing;
  if (staffing && Array.isArray(staffing.steps) && staffing.steps.length) {
    const steps = staffing.steps;
    const xs = steps.map((s) => s.certified);
    if (steps.length < 2) parts.push(h("p", { class: "muted", text: t("curveFlat") }));
    parts.push(
      h("h3", { text: t("curveTitle") }),
      h(
        "div",
        { class: "grid2 chart", id: "staffing-curve" },
        lineChart(xs, steps.map((s) => (s.figures || {}).unscheduled_priority ?? 0), t("curveLeftOut"), t("curveX"), "lineA"),
        lineChart(xs, steps.map((s) => (s.figures || {}).visits ?? 0), t("curveVisits"), t("curveX"), "lineB"),
      ),
      table(
        [num(t("curveX")), t("curveWho"), num(t("curveLeftOut")), num(t("curveVisits"))],
        steps.map((s) => [num(s.certified), s.inspector ? `${inspName(idx, s.inspector)} (${s.inspector})` : t("today"), num(fmtNum((s.figures || {}).unscheduled_priority)), num(fmtNum((s.figures || {}).visits))]),
      ),
    );
  }
  return h("div", {}, parts);
}

// ---------------------------------------------------------------------------------------
// 13. diff: two versions compared
// ---------------------------------------------------------------------------------------

function diffView(root, a, b) {
  guarded(root, async () => {
    const [d, pa] = await Promise.all([api.get(`/api/plans/${seg(a)}/diff/${seg(b)}`), api.get(`/api/plans/${seg(a)}`)]);
    const { idx } = await loadWeek(pa.week);
    const fig = d.figures || {};
    const section = (title, list, head, row, id) =>
      list && list.length
        ? h("section", { class: "card", id }, h("h2", { text: t(title, { n: list.length }) }), table(head, list.map(row)))
        : h("p", { class: "muted", id }, `${t(title, { n: 0 })}：${t("diffNone")}`);
    const dates = (l) => (l || []).map(fmtDate).join("，") || "—";
    fill(
      root,
      h("p", { class: "crumbs" }, h("a", { href: `#/week/${seg(pa.week)}`, text: "← " + t("backToWeek") })),
      h("h1", {}, t("diffTitle", { a, b })),
      h(
        "section",
        { class: "card" },
        h("h2", { text: t("diffFigures") }),
        table(
          [t("figure"), num("A " + a), num("B " + b), num(t("change"))],
          Object.entries(fig).map(([k, v]) => [tOr("obj_" + k, k), num(fmtNum(v.a)), num(fmtNum(v.b)), num(signed(v.change), v.change > 0 ? "delta-bad" : v.change < 0 ? "delta-good" : "")]),
          { id: "diff-figures" },
        ),
      ),
      section("diffBusinesses", d.businesses, [t("colBusiness"), t("visitsAB"), t("datesAB")], (x) => [busName(idx, x.business) + ` (${x.business})`, `${x.visits_a} → ${x.visits_b}`, `${dates(x.dates_a)} → ${dates(x.dates_b)}`], "diff-businesses"),
      section("diffTasks", d.date_changes, [t("colTask"), t("colBusiness"), t("datesAB")], (x) => [x.task, busName(idx, (idx.tasks.get(x.task) || {}).business), `${dates(x.dates_a)} → ${dates(x.dates_b)}`]),
      section("diffNewlyScheduled", d.newly_scheduled, [t("colTask"), t("colBusiness"), t("colDates")], (x) => [x.task, busName(idx, (idx.tasks.get(x.task) || {}).business), dates(x.dates)]),
      section("diffNewlyUnscheduled", d.newly_unscheduled, [t("colTask"), t("colBusiness"), t("colReason")], (x) => [x.task, busName(idx, (idx.tasks.get(x.task) || {}).business), [tOr("reason_" + x.reason, x.reason || ""), x.detail ? h("div", { class: "small muted", text: x.detail }) : null]]),
      section("diffInspectors", d.inspectors, [t("inspector"), t("colDates")], (x) => [inspName(idx, x.inspector) + ` (${x.inspector})`, (x.days || []).map((dd) => `${fmtDate(dd.date)}: ${dd.visits_a} → ${dd.visits_b}`).join("；")]),
    );
  });
}

// ---------------------------------------------------------------------------------------
// 14. charts: a small SVG line chart
// ---------------------------------------------------------------------------------------

/** A line chart of ys against xs with its axes' end values and a title. */
function lineChart(xs, ys, title, xLabel, lineClass) {
  const W = 360;
  const H = 200;
  const L = 44;
  const B = 30;
  const T = 24;
  const R = 12;
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1);
  const y1 = Math.max(...ys, 1);
  const px = (x) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y) => H - B - (y / y1) * (H - B - T);
  const pts = xs.map((x, i) => [px(x), py(ys[i])]);
  return h(
    "figure",
    { class: "chart" },
    h(
      "svg:svg",
      { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}: ${xs.map((x, i) => `${x} → ${ys[i]}`).join(", ")}` },
      h("svg:text", { x: L, y: 14, text: title }),
      h("svg:line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }),
      h("svg:line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }),
      h("svg:text", { x: L - 6, y: py(y1) + 4, "text-anchor": "end", text: fmtNum(y1) }),
      h("svg:text", { x: L - 6, y: H - B + 4, "text-anchor": "end", text: "0" }),
      xs.map((x) => h("svg:text", { x: px(x), y: H - B + 14, "text-anchor": "middle", text: String(x) })),
      h("svg:text", { x: (L + W - R) / 2, y: H - 2, "text-anchor": "middle", text: xLabel }),
      h("svg:polyline", { points: pts.map((p) => p.join(",")).join(" "), class: lineClass }),
      pts.map(([x, y], i) => h("svg:circle", { cx: x, cy: y, r: 3.5, class: lineClass }, h("svg:title", { text: `${xs[i]}: ${ys[i]}` }))),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// 15. login page
// ---------------------------------------------------------------------------------------

function initLogin() {
  const failed = new URLSearchParams(location.search).has("failed");
  const line = document.getElementById("login-failed");
  if (line) line.hidden = !failed;
}

// ---------------------------------------------------------------------------------------
// 16. start
// ---------------------------------------------------------------------------------------

/** Switches the language, remembers it, and redraws. */
function switchLanguage() {
  lang = lang === "en" ? "zh" : "en";
  try {
    localStorage.setItem("onedoor.lang", lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  translateFrame();
  if (document.body.dataset.page === "desk") {
    showWho();
    route();
  }
}

let me = null;

function showWho() {
  const who = document.getElementById("who");
  const out = document.getElementById("logout");
  if (!who || !me) return;
  who.textContent = me.name ? t("signedInAs", { name: me.name }) + (me.bureau ? t("bureau", { name: me.bureau }) : "") : "";
  if (out) out.hidden = !me.name;
}

async function initDesk() {
  try {
    me = await api.get("/api/me");
    api.csrf = (me && me.csrf) || "";
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    me = null;
  }
  showWho();
  const out = document.getElementById("logout");
  if (out)
    out.addEventListener("click", async () => {
      try {
        await fetch("/logout", { method: "POST", headers: { "X-CSRF-Token": api.csrf }, credentials: "same-origin" });
      } finally {
        location.href = "/login";
      }
    });
  window.addEventListener("hashchange", route);
  route();
}

function start() {
  translateFrame();
  const sw = document.getElementById("lang-switch");
  if (sw) sw.addEventListener("click", switchLanguage);
  if (document.body.dataset.page === "login") initLogin();
  else initDesk();
}

start();
