//! The words of everything addressed to businesses (`for-businesses/`): notices, change
//! and cancellation notices, the index of notices. One catalogue per language, [`ZH`]
//! and [`EN`]; no business-facing text is written anywhere else. The English catalogue
//! uses no Chinese punctuation and the Chinese one no English (data from the scenario —
//! names, addresses, item names — is shown as given).
//!
//! Internal documents (workbook, report, CSV, route sheets) have their own catalogue.

use super::Lang;
use chrono::{Datelike, NaiveDate};

/// Every fixed string of the business-facing files, in one language.
pub(crate) struct Words {
    /// Whether this is the Chinese catalogue (the phrases below are built differently).
    pub chinese: bool,
    /// `lang` attribute of the HTML.
    pub html_lang: &'static str,
    /// Title of a notice.
    pub notice_title: &'static str,
    /// Title of a change notice.
    pub change_title: &'static str,
    /// Title of a cancellation notice.
    pub cancel_title: &'static str,
    /// Label of the notice number.
    pub number: &'static str,
    /// Label of the issue date.
    pub issued: &'static str,
    /// Label of the addressee.
    pub to: &'static str,
    /// Label of an address.
    pub address: &'static str,
    /// Label of a contact person.
    pub contact: &'static str,
    /// Label of a phone number.
    pub phone: &'static str,
    /// Label of a visit's date.
    pub date: &'static str,
    /// Label of the arrival window.
    pub arrival: &'static str,
    /// Label of the departments coming.
    pub departments: &'static str,
    /// Label of the officers.
    pub officers: &'static str,
    /// Label of a certificate number.
    pub certificate: &'static str,
    /// Column: department.
    pub col_department: &'static str,
    /// Column: what is checked.
    pub col_item: &'static str,
    /// Column: what to prepare.
    pub col_prepare: &'static str,
    /// Shown when a department's tasks list no item.
    pub no_items: &'static str,
    /// Heading of the rights.
    pub rights_title: &'static str,
    /// The rights of the business.
    pub rights: [&'static str; 3],
    /// Note under the arrival windows.
    pub window_note: &'static str,
    /// Heading of the contact block.
    pub questions: &'static str,
    /// Label of the legal basis.
    pub legal_basis: &'static str,
    /// Heading of "what changed".
    pub changes_title: &'static str,
    /// "before" column.
    pub before: &'static str,
    /// "now" column.
    pub now: &'static str,
    /// Cell text of a visit that is no longer planned.
    pub cancelled: &'static str,
    /// Cell text of a visit that is new.
    pub added: &'static str,
    /// Heading of the current schedule in a change notice.
    pub schedule_now: &'static str,
    /// Title of the index page.
    pub index_title: &'static str,
    /// Title of the page holding every notice.
    pub all_title: &'static str,
    /// Title of the page holding every notice to send after a re-plan.
    pub resend_title: &'static str,
    /// Index column: document.
    pub col_document: &'static str,
    /// Index column: business.
    pub col_business: &'static str,
    /// Index column: address, contact and phone.
    pub col_contact: &'static str,
    /// Index column: what to do.
    pub col_action: &'static str,
    /// Index column: visits.
    pub col_visits: &'static str,
    /// Action: send the notice.
    pub act_send: &'static str,
    /// Action: nothing to send, the earlier notice stands.
    pub act_keep: &'static str,
    /// Action: send the change notice.
    pub act_change: &'static str,
    /// Action: send the cancellation notice.
    pub act_cancel: &'static str,
    /// Note on the index: what is kept from businesses.
    pub index_note: &'static str,
    /// Link text to the printable file of every notice.
    pub print_all: &'static str,
    /// Link text to the printable file of the notices to re-send.
    pub print_resend: &'static str,
    /// Printed when there is nothing to send.
    pub nothing: &'static str,
    /// List separator.
    pub sep: &'static str,
    /// Separator of the parts of a one-line visit summary (date and window, departments,
    /// officers).
    pub part_sep: &'static str,
    /// Colon after a label.
    pub colon: &'static str,
}

/// The Chinese catalogue.
pub(crate) static ZH: Words = Words {
    chinese: true,
    html_lang: "zh-CN",
    notice_title: "入户检查告知书",
    change_title: "入户检查变更告知书",
    cancel_title: "入户检查取消告知书",
    number: "文号",
    issued: "签发日期",
    to: "致",
    address: "地址",
    contact: "联系人",
    phone: "电话",
    date: "日期",
    arrival: "到达时段",
    departments: "检查部门",
    officers: "执法人员",
    certificate: "执法证号",
    col_department: "部门",
    col_item: "检查事项",
    col_prepare: "请准备",
    no_items: "（未列明具体事项）",
    rights_title: "您的权利",
    rights: [
        "执法人员应当出示执法证件；未出示的，贵单位有权拒绝检查。",
        "执法人员与贵单位有直接利害关系或者其他可能影响公正执法情形的，贵单位有权申请其回避。",
        "贵单位有权进行陈述和申辩，对检查中作出的决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    ],
    window_note: "执法人员在到达时段内到达，请安排负责人在场。",
    questions: "如有疑问",
    legal_basis: "依据",
    changes_title: "变更内容",
    before: "原安排",
    now: "现安排",
    cancelled: "取消",
    added: "新增",
    schedule_now: "变更后的检查安排",
    index_title: "告知书发送清单",
    all_title: "全部告知书（打印用）",
    resend_title: "需发送的变更及取消告知书（打印用）",
    col_document: "告知书",
    col_business: "单位",
    col_contact: "地址及联系方式",
    col_action: "处理",
    col_visits: "入户日期",
    act_send: "发送告知书",
    act_keep: "无需重发，原告知书有效",
    act_change: "发送变更告知书",
    act_cancel: "发送取消告知书",
    index_note: "本清单及告知书仅含已公开的检查；不公开（双随机、投诉核查等）检查不列入，请勿事先告知企业。",
    print_all: "打印全部告知书",
    print_resend: "打印需发送的变更及取消告知书",
    nothing: "本周没有需要告知的单位。",
    sep: "、",
    part_sep: "，",
    colon: "：",
};

/// The English catalogue.
pub(crate) static EN: Words = Words {
    chinese: false,
    html_lang: "en",
    notice_title: "Notice of inspection",
    change_title: "Notice of change to an inspection",
    cancel_title: "Notice of cancellation of an inspection",
    number: "Notice number",
    issued: "Issued",
    to: "To",
    address: "Address",
    contact: "Contact",
    phone: "Phone",
    date: "Date",
    arrival: "Arrival between",
    departments: "Departments",
    officers: "Officers",
    certificate: "certificate",
    col_department: "Department",
    col_item: "What is checked",
    col_prepare: "Please have ready",
    no_items: "(no items listed)",
    rights_title: "Your rights",
    rights: [
        "Officers must show their enforcement certificates; you may refuse an inspection by officers who do not.",
        "You may ask that an officer with a direct interest in your business, or who for another reason may not act impartially, stand down (recusal).",
        "You may state your case and defend yourself; against a decision taken in the inspection you may apply for administrative review or bring an administrative lawsuit.",
    ],
    window_note: "The officers arrive within the arrival window. Please make sure the person in charge is present.",
    questions: "Questions",
    legal_basis: "Legal basis",
    changes_title: "What changed",
    before: "Before",
    now: "Now",
    cancelled: "cancelled",
    added: "new",
    schedule_now: "The inspections as now planned",
    index_title: "Notices: what to send to whom",
    all_title: "All notices (for printing)",
    resend_title: "Change and cancellation notices to send (for printing)",
    col_document: "Notice",
    col_business: "Business",
    col_contact: "Address and contact",
    col_action: "Action",
    col_visits: "Visit dates",
    act_send: "send the notice",
    act_keep: "nothing to send, the earlier notice stands",
    act_change: "send the change notice",
    act_cancel: "send the cancellation notice",
    index_note: "This list and the notices name announced inspections only. Unannounced inspections (random and complaint checks) are left out: do not tell businesses of them in advance.",
    print_all: "Print every notice",
    print_resend: "Print the change and cancellation notices to send",
    nothing: "No business is to be notified this week.",
    sep: ", ",
    part_sep: "; ",
    colon: ": ",
};

impl Words {
    /// The catalogue of `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Whether this is the Chinese catalogue.
    fn zh(&self) -> bool {
        self.chinese
    }

    /// A date for a business: `2022年9月13日（星期二）` or `Tuesday 13 September 2022`.
    pub fn date(&self, d: NaiveDate) -> String {
        let wd = d.weekday().num_days_from_monday() as usize;
        if self.zh() {
            let day = ["一", "二", "三", "四", "五", "六", "日"];
            format!(
                "{}年{}月{}日（星期{}）",
                d.year(),
                d.month(),
                d.day(),
                day[wd]
            )
        } else {
            let day = [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ];
            format!("{} {}", day[wd], d.format("%-d %B %Y"))
        }
    }

    /// A short date for lists: `9月13日` or `13 Sep`.
    pub fn short_date(&self, d: NaiveDate) -> String {
        if self.zh() {
            format!("{}月{}日", d.month(), d.day())
        } else {
            d.format("%-d %b").to_string()
        }
    }

    /// A notice number: `{prefix}12号` or `{prefix}12`; without a prefix `第12号` or
    /// `No. 12`.
    pub fn notice_number(&self, prefix: Option<&str>, n: usize) -> String {
        match (prefix, self.zh()) {
            (Some(p), true) => format!("{p}{n}号"),
            (Some(p), false) => format!("{p}{n}"),
            (None, true) => format!("第{n}号"),
            (None, false) => format!("No. {n}"),
        }
    }

    /// The heading of the `n`-th visit.
    pub fn visit_heading(&self, n: usize) -> String {
        if self.zh() {
            format!("第{n}次入户检查")
        } else {
            format!("Visit {n}")
        }
    }

    /// The opening sentence of a notice: who comes, how often, jointly or not.
    /// `departments`: every department coming in the week; `joint`: some visit has two or
    /// more of them; `issuer`: the issuing authority, if given.
    pub fn opening(
        &self,
        issuer: Option<&str>,
        departments: &[&str],
        visits: usize,
        joint: bool,
    ) -> String {
        let who = departments.join(self.sep);
        if self.zh() {
            let by = match issuer {
                Some(i) => format!("经{i}统筹安排，"),
                None => String::new(),
            };
            let how = if joint {
                "联合（进一次门、查多件事）"
            } else {
                ""
            };
            let times = if visits == 1 {
                "入户检查一次".to_owned()
            } else {
                format!("入户检查{visits}次")
            };
            format!("{by}{who}将{how}到贵单位{times}，安排如下。")
        } else {
            let by = match issuer {
                Some(i) => format!("As arranged by {i}, "),
                None => String::new(),
            };
            let how = if joint {
                " jointly (one entry, several checks)"
            } else {
                ""
            };
            let times = if visits == 1 {
                "once".to_owned()
            } else {
                format!("{visits} times")
            };
            let s = format!("{by}{who} will inspect your premises{how} {times}, as set out below.");
            capitalise(&s)
        }
    }

    /// Who comes on one visit: one department alone, or a lead and the others jointly.
    pub fn who_comes(&self, lead: &str, others: &[&str]) -> String {
        match (others.is_empty(), self.zh()) {
            (true, true) => format!("{lead}（单独检查）"),
            (true, false) => format!("{lead} (this department alone)"),
            (false, true) => format!("{lead}牵头，{}参加，联合检查", others.join(self.sep)),
            (false, false) => format!("{lead} (lead), jointly with {}", others.join(self.sep)),
        }
    }

    /// An arrival window `09:00–10:00` / `09:00 to 10:00`.
    pub fn window(&self, from: &str, to: &str) -> String {
        if self.zh() {
            format!("{from}—{to}")
        } else {
            format!("{from} to {to}")
        }
    }

    /// An officer with a certificate number: `张三（执法证号 330900001）`.
    pub fn officer(&self, name: &str, certificate: Option<&str>, dept: &str) -> String {
        match (certificate, self.zh()) {
            (Some(c), true) => format!("{name}（{dept}，{}{c}）", self.certificate),
            (None, true) => format!("{name}（{dept}）"),
            (Some(c), false) => format!("{name} ({dept}, {} {c})", self.certificate),
            (None, false) => format!("{name} ({dept})"),
        }
    }

    /// "This notice replaces notice N": the reference of a change notice.
    pub fn replaces(&self, number: &str) -> String {
        if self.zh() {
            format!(
                "本告知书变更{number}告知书所列安排，原告知书中与本告知书不一致的内容同时作废。"
            )
        } else {
            format!("This notice changes the inspections set out in notice {number}; where the two differ, this notice applies.")
        }
    }

    /// An index action with the earlier notice's number.
    pub fn action_with_earlier(&self, action: &str, number: &str) -> String {
        if self.zh() {
            format!("{action}（原{number}）")
        } else {
            format!("{action} (earlier notice {number})")
        }
    }

    /// "The inspections of notice N are cancelled."
    pub fn cancels(&self, number: &str) -> String {
        if self.zh() {
            format!("{number}告知书所列的下列入户检查取消，届时无需安排人员等候。")
        } else {
            format!("The following inspections of notice {number} are cancelled; nobody needs to wait for them.")
        }
    }

    /// The contact line: `王科长，电话 0580-2021234`.
    pub fn contact_line(&self, contact: Option<&str>, phone: Option<&str>) -> Option<String> {
        match (contact, phone, self.zh()) {
            (Some(c), Some(p), true) => Some(format!("请联系{c}，电话{p}。")),
            (Some(c), None, true) => Some(format!("请联系{c}。")),
            (None, Some(p), true) => Some(format!("请致电{p}。")),
            (Some(c), Some(p), false) => Some(format!("Please contact {c}, phone {p}.")),
            (Some(c), None, false) => Some(format!("Please contact {c}.")),
            (None, Some(p), false) => Some(format!("Please call {p}.")),
            (None, None, _) => None,
        }
    }

    /// A count of notices to send, for the index.
    pub fn counts(&self, send: usize, keep: usize, change: usize, cancel: usize) -> String {
        if self.zh() {
            let mut s = format!("本次需发送{}份", send + change + cancel);
            if change + cancel + keep > 0 {
                s.push_str(&format!(
                    "（新发{send}份，变更{change}份，取消{cancel}份）；原告知书继续有效{keep}份"
                ));
            }
            s.push('。');
            s
        } else {
            let total = send + change + cancel;
            let mut s = format!(
                "To send: {total} notice{}",
                if total == 1 { "" } else { "s" }
            );
            if change + cancel + keep > 0 {
                s.push_str(&format!(
                    " ({send} new, {change} change, {cancel} cancellation); earlier notices still standing: {keep}"
                ));
            }
            s.push('.');
            s
        }
    }
}

/// The first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese punctuation and CJK characters in the English catalogue.
    fn has_chinese(s: &str) -> bool {
        s.chars().any(
            |c| matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x4E00..=0x9FFF | 0x2014),
        )
    }

    #[test]
    fn english_has_no_chinese_and_chinese_no_english() {
        let d = NaiveDate::from_ymd_opt(2022, 9, 13).expect("date");
        let en = [
            EN.notice_title.to_owned(),
            EN.rights.join(" "),
            EN.index_note.to_owned(),
            EN.date(d),
            EN.opening(Some("X"), &["A", "B"], 2, true),
            EN.who_comes("A", &["B"]),
            EN.window("09:00", "10:00"),
            EN.replaces("N"),
            EN.counts(1, 2, 3, 4),
        ];
        for s in en {
            assert!(!has_chinese(&s), "{s}");
        }
        let zh = [
            ZH.rights.join(""),
            ZH.index_note.to_owned(),
            ZH.date(d),
            ZH.opening(Some("局"), &["甲", "乙"], 2, true),
            ZH.who_comes("甲", &["乙"]),
            ZH.counts(1, 2, 3, 4),
        ];
        for s in zh {
            assert!(!s.chars().any(|c| c.is_ascii_alphabetic()), "{s}");
        }
    }
}
