// Interface labels in Arabic and English, and the ACLED taxonomy in both.
// Every visible word on the page comes from here, so the language switch is one lookup.

export const LABELS = {
  title: { ar: "رصد", en: "rasd" },
  subtitle: { ar: "مرصد الأحداث", en: "conflict event monitor" },
  tab_map: { ar: "الخريطة", en: "Map" },
  tab_queue: { ar: "قائمة المراجعة", en: "Review queue" },
  switch_lang: { ar: "English", en: "العربية" },
  inter_1: { ar: "قوات حكومية", en: "State forces" },
  inter_2: { ar: "جماعات متمردة", en: "Rebel groups" },
  inter_3: { ar: "ميليشيات سياسية", en: "Political militias" },
  inter_4: { ar: "ميليشيات هوياتية", en: "Identity militias" },
  inter_5: { ar: "مشاغبون", en: "Rioters" },
  inter_6: { ar: "متظاهرون", en: "Protesters" },
  inter_7: { ar: "مدنيون", en: "Civilians" },
  inter_8: { ar: "قوات خارجية أو أخرى", en: "External/other forces" },
  clear: { ar: "إزالة", en: "clear" },
  remove: { ar: "حذف", en: "remove" },
  search_actor: { ar: "ابحث عن فاعل (عربي أو إنجليزي)…", en: "Search an actor (Arabic or English)…" },
  search_place: { ar: "ابحث عن مكان في المعجم الجغرافي…", en: "Search the gazetteer…" },
  drag_pin: { ar: "اسحب الدبوس لتصحيح الموقع", en: "Drag the pin to correct the position" },
  toll_min: { ar: "الحد الأدنى", en: "Min" },
  toll_best: { ar: "الأرجح", en: "Best" },
  toll_max: { ar: "الحد الأعلى", en: "Max" },
  toll_order: { ar: "يجب أن يكون الحد الأدنى ≤ الأرجح ≤ الحد الأعلى.", en: "Fatalities need min ≤ best ≤ max." },
  queue_heading: { ar: "قائمة المراجعة", en: "Review queue" },
  queue_reason_low: { ar: "ثقة منخفضة", en: "low confidence" },
  queue_reason_machine: { ar: "لم يراجَع بعد", en: "not reviewed yet" },
  deaths_unknown: { ar: "عدد القتلى غير مذكور", en: "deaths not reported" },
  filters: { ar: "التصفية", en: "Filters" },
  event_type: { ar: "نوع الحدث", en: "Event type" },
  sub_event_type: { ar: "النوع الفرعي", en: "Sub-event type" },
  actor: { ar: "الفاعل", en: "Actor" },
  country: { ar: "البلد", en: "Country" },
  admin1: { ar: "المحافظة", en: "Admin 1" },
  status: { ar: "الحالة", en: "Status" },
  text: { ar: "بحث في النص", en: "Text search" },
  min_confidence: { ar: "أدنى ثقة", en: "Min. confidence" },
  since: { ar: "من", en: "From" },
  until: { ar: "إلى", en: "To" },
  any: { ar: "الكل", en: "Any" },
  apply: { ar: "تطبيق", en: "Apply" },
  reset: { ar: "إعادة ضبط", en: "Reset" },
  cluster: { ar: "تجميع العلامات", en: "Cluster markers" },
  follow_map: { ar: "القائمة تتبع الخريطة", en: "List follows map" },
  export: { ar: "تصدير", en: "Export" },
  events: { ar: "الأحداث", en: "Events" },
  events_count: { ar: "{n} حدث", en: "{n} events" },
  of_total: { ar: "{n} من {total}", en: "{n} of {total}" },
  more_rows: { ar: "و{n} أخرى…", en: "and {n} more…" },
  loaded_cap: { ar: "عُرض أول {n} حدث فقط؛ ضيّق التصفية.", en: "Only the first {n} events are shown; narrow the filters." },
  no_events: { ar: "لا أحداث تطابق التصفية.", en: "No events match the filters." },
  no_location: { ar: "بلا موقع", en: "no location" },
  timeline: { ar: "الخط الزمني", en: "Timeline" },
  timeline_hint: { ar: "اسحب لاختيار فترة", en: "drag to select a period" },
  clear_brush: { ar: "كل الفترة", en: "Whole period" },
  back: { ar: "→ الأحداث", en: "← Events" },
  date: { ar: "التاريخ", en: "Date" },
  actor1: { ar: "الفاعل الأول", en: "Actor 1" },
  actor2: { ar: "الفاعل الثاني", en: "Actor 2" },
  assoc_actor1: { ar: "حلفاء الفاعل الأول", en: "Assoc. actor 1" },
  assoc_actor2: { ar: "حلفاء الفاعل الثاني", en: "Assoc. actor 2" },
  location: { ar: "المكان", en: "Location" },
  place_decision: { ar: "تحديد المكان", en: "Place decision" },
  place_written: { ar: "كما ورد", en: "as written" },
  place_cue: { ar: "الكلمة الدالة", en: "cue" },
  place_parent: { ar: "ضمن", en: "within" },
  place_choice: { ar: "الاختيار", en: "chosen" },
  decision_gazetteer: { ar: "من المعجم الجغرافي", en: "from the gazetteer" },
  "decision_unknown-at-parent": { ar: "غير موجود في المعجم: موضوع عند ما يحتويه", en: "not in the gazetteer: placed at its parent" },
  decision_hierarchy: { ar: "من التقسيم الإداري", en: "from the administrative hierarchy" },
  decision_capital: { ar: "العاصمة: عاصمة البلد الذي يعنيه النص", en: "the capital: the capital of the country the text means" },
  "decision_generic-at-parent": { ar: "لا يسمي مكانا بعينه: موضوع عند ما يحتويه", en: "names no place of its own: placed at its parent" },
  event_date: { ar: "التاريخ", en: "Date" },
  fatalities: { ar: "القتلى", en: "Fatalities" },
  civilian_targeting: { ar: "استهداف المدنيين", en: "Civilian targeting" },
  modality: { ar: "الصيغة", en: "Modality" },
  attribution: { ar: "المصدر", en: "Reported by" },
  confidence: { ar: "الثقة", en: "Confidence" },
  notes: { ar: "ملاحظات", en: "Notes" },
  interaction: { ar: "التفاعل", en: "Interaction" },
  geo_precision: { ar: "دقة الموقع", en: "Geo precision" },
  time_precision: { ar: "دقة التاريخ", en: "Time precision" },
  precision_time: { ar: { 1: "يوم", 2: "أسبوع", 3: "شهر" }, en: { 1: "day", 2: "week", 3: "month" } },
  precision_geo: { ar: { 1: "المكان نفسه", 2: "قربه", 3: "المنطقة" }, en: { 1: "the place", 2: "near it", 3: "the region" } },
  yes: { ar: "نعم", en: "yes" },
  no: { ar: "لا", en: "no" },
  vague: { ar: "تقديري", en: "vague" },
  evidence: { ar: "الأدلة في النص", en: "Evidence in the report" },
  sources: { ar: "التقارير المصدر", en: "Source reports" },
  merges: { ar: "دُمجت مع", en: "Merged from" },
  review: { ar: "المراجعة", en: "Review" },
  reviewer: { ar: "اسم المراجِع", en: "Reviewer" },
  note: { ar: "ملاحظة", en: "Note" },
  confirm: { ar: "تأكيد", en: "Confirm" },
  edit: { ar: "تعديل", en: "Edit" },
  reject: { ar: "رفض", en: "Reject" },
  save_edit: { ar: "حفظ التعديل", en: "Save edit" },
  cancel: { ar: "إلغاء", en: "Cancel" },
  need_reviewer: { ar: "سجّل الدخول بحساب مراجِع أولاً.", en: "Sign in with a reviewer account first." },
  reviewing_as: { ar: "المراجِع: {name}", en: "Reviewing as {name}" },
  stale_event: { ar: "عدّل شخص آخر هذا الحدث للتو؛ أُعيد تحميله — راجِعه وطبّق تعديلك من جديد.", en: "Someone else changed this event just now; it has been reloaded — check it and apply your change again." },
  login: { ar: "تسجيل الدخول", en: "Sign in" },
  logout: { ar: "تسجيل الخروج", en: "Sign out" },
  account_name: { ar: "الاسم", en: "Name" },
  password: { ar: "كلمة المرور", en: "Password" },
  login_failed: { ar: "الاسم أو كلمة المرور غير صحيحة.", en: "Wrong name or password." },
  login_throttled: { ar: "محاولات كثيرة فاشلة؛ انتظر بضع دقائق.", en: "Too many failed attempts; wait a few minutes." },
  login_needed: { ar: "يلزم تسجيل الدخول لقراءة هذه البيانات.", en: "Sign in to read this store." },
  role_viewer: { ar: "قارئ", en: "viewer" },
  role_reviewer: { ar: "مراجِع", en: "reviewer" },
  role_admin: { ar: "مدير", en: "admin" },
  saved: { ar: "حُفظ: {status}", en: "Saved: {status}" },
  history: { ar: "سجل المراجعة", en: "Review history" },
  queue_empty: { ar: "لا أحداث بانتظار المراجعة.", en: "Nothing is waiting for review." },
  queue_hint: { ar: "الأقل ثقة أولاً", en: "least confident first" },
  open_source: { ar: "الرابط الأصلي", en: "Original link" },
  published: { ar: "نُشر", en: "Published" },
  error: { ar: "خطأ", en: "Error" },
  // The machine's note, said in Arabic from the event's own fields (the stored note is English)
  note_sentence: { ar: "{sub} ({type}) من جانب {who}{whom}{where}، {mode}.", en: "{sub} ({type}) by {who}{whom}{where}, {mode}." },
  note_against: { ar: " ضد {name}", en: " against {name}" },
  note_in: { ar: " في {name}", en: " in {name}" },
  unidentified_actor: { ar: "فاعل مجهول", en: "Unidentified actor" },
  toll_conflict: { ar: "أُبلغ عن حصائل متضاربة ({list}): اعتُمدت أدناها", en: "conflicting tolls reported ({list}): the lowest is used" },
  toll_added: { ar: "جُمعت حصائل {n} مجموعات ({list})", en: "tolls of {n} groups added ({list})" },
  reason_no_cue: { ar: "بلا كلمة دالة", en: "no cue" },
  reason_after: { ar: "بعد «{cue}»", en: "after {cue}" },
  reason_best_of: { ar: "الأرجح بين {n} احتمالات", en: "best of {n} candidates" },
  "support_time zone": { ar: "منطقة النشر الزمنية", en: "time zone" },
  support_dateline: { ar: "مكان النشر", en: "dateline" },
  support_actor: { ar: "الفاعل", en: "actor" },
  legend: { ar: "أنواع الأحداث", en: "Event types" },
};

export const STATUS = {
  machine: { ar: "آلي", en: "machine" },
  confirmed: { ar: "مؤكَّد", en: "confirmed" },
  edited: { ar: "معدَّل", en: "edited" },
  rejected: { ar: "مرفوض", en: "rejected" },
};

export const MODALITY = {
  reported: { ar: "مُبلَّغ عنه", en: "reported" },
  claimed: { ar: "مُدَّعى", en: "claimed" },
  denied: { ar: "منفيّ", en: "denied" },
  failed: { ar: "فشل", en: "failed" },
  planned: { ar: "مُخطَّط", en: "planned" },
  ongoing: { ar: "جارٍ", en: "ongoing" },
  conditional: { ar: "مشروط", en: "conditional" },
};

export const TAXONOMY_AR = {
  Battles: "معارك",
  "Armed clash": "اشتباك مسلح",
  "Government regains territory": "استعادة الحكومة أرضاً",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أرض",
  "Explosions/Remote violence": "انفجارات وعنف عن بعد",
  "Chemical weapon": "سلاح كيميائي",
  "Air/drone strike": "غارة جوية أو بمسيّرة",
  "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي أو صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة أو لغم",
  Grenade: "قنبلة يدوية",
  "Violence against civilians": "عنف ضد المدنيين",
  "Sexual violence": "عنف جنسي",
  Attack: "اعتداء",
  "Abduction/forced disappearance": "خطف أو إخفاء قسري",
  Protests: "احتجاجات",
  "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل",
  "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
  Riots: "أعمال شغب",
  "Violent demonstration": "مظاهرة عنيفة",
  "Mob violence": "عنف جماعي",
  "Strategic developments": "تطورات استراتيجية",
  Agreement: "اتفاق",
  Arrests: "اعتقالات",
  "Change to group/activity": "تغيّر في جماعة أو نشاط",
  "Disrupted weapons use": "إحباط استخدام سلاح",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  "Looting/property destruction": "نهب أو تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال أرض دون عنف",
  Other: "أخرى",
};

let current = "ar";

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === "en" ? "en" : "ar";
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
}

/** A label in the current language, with {name} placeholders filled from ``vars``. */
export function t(key, vars = {}) {
  const entry = LABELS[key];
  let text = entry ? entry[current] ?? entry.en : key;
  if (typeof text !== "string") return text;
  for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, String(v));
  return text;
}

/** An ACLED type or sub-type name in the current language. */
export function tx(name) {
  if (!name) return "";
  return current === "ar" ? TAXONOMY_AR[name] ?? name : name;
}

export function tStatus(s) {
  return STATUS[s]?.[current] ?? s;
}

export function tModality(m) {
  return MODALITY[m]?.[current] ?? m;
}

/** An actor's or place's name in the current language (Arabic name first in Arabic). */
export function nameOf(obj) {
  if (!obj) return "";
  return current === "ar" ? obj.name_ar || obj.name_en || "" : obj.name_en || obj.name_ar || "";
}

/** The list separator of the current language: the Arabic comma in Arabic. */
export function sep() {
  return current === "ar" ? "، " : ", ";
}

export function joinList(items) {
  return items.filter((x) => x !== null && x !== undefined && x !== "").join(sep());
}

// Arabic names the server knows for what events store in English: governorates, districts, outlets, sources.
let NAMES = { admin1: {}, admin2: {}, sources: {} };

export function setNames(meta) {
  NAMES = { admin1: meta?.admin_names?.admin1 ?? {}, admin2: meta?.admin_names?.admin2 ?? {}, sources: meta?.source_names ?? {} };
}

/** A governorate's name in the current language ("Deir ez-Zor" → "دير الزور" in Arabic). */
export function admin1Name(name) {
  if (!name) return "";
  return current === "ar" ? NAMES.admin1[name] ?? name : name;
}

/** A district's name in the current language (districts are named within their governorate). */
export function admin2Name(admin1, name) {
  if (!name) return "";
  return current === "ar" ? NAMES.admin2[`${admin1}|${name}`] ?? name : name;
}

/** An outlet's or cited source's name by its id, in the current language, else ``fallback``. */
export function sourceName(id, fallback = "") {
  const entry = id ? NAMES.sources[id] : null;
  return entry?.[current] || fallback || entry?.en || "";
}
