"""Fills locale/en/LC_MESSAGES/django.po from the table below, then `manage.py compilemessages` makes
the .mo. Run after `manage.py makemessages -l en` (see README): new interface strings must be added here.
Arabic examples inside English text are wrapped in lang="ar" so screen readers and fonts treat them right.
"""

import sys
from pathlib import Path

import polib

AR = '<span lang="ar">{}</span>'.format
EN = {
    "الأسماء": "Names",
    "اسم في كل سطر، كما يُكتب في الوثائق (مثل الاسم القديم والجديد).":
        "One name per line, written as in the documents (e.g. the old and the new name).",
    "ملاحظة": "Note",
    "تحتاج المجموعة إلى اسمين على الأقل، اسم في كل سطر.": "A group needs at least two names, one per line.",
    "مجموعة مترادفات": "synonym group",
    "مجموعات المترادفات": "synonym groups",
    "، ": ", ",
    "الفقرة %(number)s": "paragraph %(number)s",
    "الفقرة %(number)s من المنطوق": "operative paragraph %(number)s",
    "الفقرة %(number)s من الديباجة": "preambular paragraph %(number)s",
    "رابط %(paragraph)s": "Link to %(paragraph)s",
    "القرار رقم %(number)s": "Resolution No. %(number)s",
    "«%(text)s»": "“%(text)s”",
    "%(citation)s. قرارات: %(url)s": "%(citation)s. Qararat: %(url)s",
    "محرم": "Muharram",
    "صفر": "Safar",
    "ربيع الأول": "Rabi al-Awwal",
    "ربيع الآخر": "Rabi al-Thani",
    "جمادى الأولى": "Jumada al-Ula",
    "جمادى الآخرة": "Jumada al-Akhirah",
    "رجب": "Rajab",
    "شعبان": "Shaban",
    "رمضان": "Ramadan",
    "شوال": "Shawwal",
    "ذو القعدة": "Dhu al-Qadah",
    "ذو الحجة": "Dhu al-Hijjah",
    "هـ": "AH",
    "مجلس وزراء خارجية منظمة التعاون الإسلامي": "OIC Council of Foreign Ministers",
    "مؤتمر القمة الإسلامي": "OIC Islamic Summit",
    "الجمعية العامة للأمم المتحدة": "UN General Assembly",
    "مجلس الأمن التابع للأمم المتحدة": "UN Security Council",
    "هيئة أخرى": "Other body",
    "اتحاد مجالس الدول الأعضاء في منظمة التعاون الإسلامي": "Parliamentary Union of the OIC Member States (PUIC)",
    "مجلس جامعة الدول العربية": "Council of the League of Arab States",
    "وزراء الخارجية": "CFM",
    "القمة الإسلامية": "Islamic Summit",
    "الجمعية العامة": "UNGA",
    "مجلس الأمن": "Security Council",
    "الاتحاد البرلماني الإسلامي": "PUIC",
    "جامعة الدول العربية": "Arab League",
    "سيُنشأ بحفظ هذا الملف سجل دورة جديدة: %(session)s.": "Saving this file creates a new session record: %(session)s.",
    "تاريخ الوثيقة في المستقبل: %(date)s.": "The document's date is in the future: %(date)s.",
    "قرار": "Resolution",
    "إعلان": "Declaration",
    "بيان ختامي": "Final communiqué",
    "رسالة": "Letter",
    "تقرير": "Report",
    "كلمة": "Speech",
    "وثيقة أخرى": "Other document",
    "فقرة ديباجة": "Preambular paragraph",
    "فقرة منطوق": "Operative paragraph",
    "عنوان": "Heading",
    "توقيع": "Signature",
    "فقرة": "Paragraph",
    "قرارات عام %(year)s": "Resolutions of %(year)s",
    "الدورة الاستثنائية %(number)s": "Extraordinary session %(number)s",
    "الدورة %(number)s": "Session %(number)s",
    "الأكثر صلة": "most relevant",
    "الأحدث": "newest",
    "الأقدم": "oldest",
    "ابحث في القرارات": "Search the resolutions",
    "الهيئة": "Body",
    "كل الهيئات": "All bodies",
    "الدورة": "Session",
    "من سنة": "From year",
    "إلى سنة": "To year",
    "نوع الفقرة": "Paragraph kind",
    "كل الفقرات": "All paragraphs",
    "الترتيب": "Order",
    "الصفحة": "Page",
    "سنة النهاية قبل سنة البداية.": "The end year is before the start year.",
    "الاستعلام طويل: بُحث بأول %(limit)s حرف منه فقط.":
        "The query is long: only its first %(limit)s characters were searched.",
    "الاستعلام طويل: بُحث بأول %(limit)s كلمة منه فقط.":
        "The query is long: only its first %(limit)s words were searched.",
    "أقواس متداخلة أكثر من %(limit)s مستويات: تُجوهلت الأقواس الأعمق.":
        "Brackets are nested more than %(limit)s levels deep: the deeper ones were ignored.",
    "«%(words)s» من الكلمات الشائعة جدًا، فلا يُبحث عنها وحدها. اكتبها مع كلمات أخرى، أو بين علامتي تنصيص مع ما يليها، مثل: «في القدس».":
        "“%(words)s”: words this common are not searched on their own. Type them with other words, or put "
        "them in quotation marks with the words that follow.",
    "لا يمكن البحث بالاستبعاد وحده: أضف كلمة يجب أن تحتويها النتائج.":
        "Exclusions alone cannot be searched: add a word the results must contain.",
    "لم نجد في الاستعلام كلمة يمكن البحث عنها.": "The query has no word that can be searched for.",
    "علامة التنصيص غير مغلقة: عُدَّ ما بعدها عبارة واحدة.":
        "A quotation mark is not closed: everything after it was read as one phrase.",
    "قوس إغلاق زائد: تُجوهل.": "An extra closing bracket was ignored.",
    "«أو» بلا كلمة قبلها أو بعدها: تُجوهلت.": "“OR” without a word before or after it was ignored.",
    "قوس مفتوح لم يُغلق: أُغلق في آخر الاستعلام.":
        "An opening bracket was not closed: it was closed at the end of the query.",
    "لا يُجمع الاستبعاد مع «أو»: تُجوهل الاستبعاد.":
        "An exclusion cannot be combined with “OR”: the exclusion was ignored.",
    "علامة الاستبعاد (-) بلا كلمة بعدها: تُجوهلت.": "An exclusion sign (-) without a word after it was ignored.",
    "العبارة «%(phrase)s» كلها كلمات شائعة: تُجوهلت.":
        "The phrase “%(phrase)s” is made only of common words and was ignored.",
    "السنة": "Year",
    "%(label)s: %(errors)s (تُجوهل هذا الشرط)": "%(label)s: %(errors)s (this filter was ignored)",
    "الصفحة غير موجودة": "Page not found",
    "لم نجد ما تبحث عنه. ربما تغيّر الرابط أو لم تُضَف هذه الوثيقة إلى الأرشيف بعد.":
        "We could not find what you were looking for. The link may have changed, or the document "
        "has not been added to the archive yet.",
    "العودة إلى الصفحة الرئيسية": "Back to the home page",
    "البحث في القرارات": "Search the resolutions",
    "مسار التصفح": "Breadcrumbs",
    "الدورات": "Sessions",
    "النوع": "Kind",
    "الرمز": "Symbol",
    "التاريخ": "Date",
    "القرارات": "Resolutions",
    "المصدر": "Source",
    "ملاحظات المعالجة": "Processing notes",
    "النص": "Text",
    'القرار رقم <bdi lang="ar">%(number)s</bdi>': 'Resolution No. <bdi lang="ar">%(number)s</bdi>',
    "لا توجد فقرات محفوظة لهذه الوثيقة.": "No paragraphs are stored for this document.",
    "النص الأصلي كما ورد": "Original text as received",
    "أرشيف القرارات": "Archive of resolutions",
    "قرارات منظمة التعاون الإسلامي والأمم المتحدة": "Resolutions of the OIC and the United Nations",
    "نصوص القرارات والإعلانات والبيانات الختامية كما وردت في مصادرها، مرتبة حسب الهيئة والدورة، ويمكن البحث "
    "فيها والاستشهاد بكل فقرة منها.":
        "The Arabic texts of resolutions, declarations and final communiqués as published in their "
        "sources, arranged by body and session, searchable, with every paragraph citable.",
    "الوثائق": "Documents",
    "الفقرات": "Paragraphs",
    "الهيئات": "Bodies",
    "دورات %(body)s": "Sessions of the %(body)s",
    "المكان": "Place",
    "لا توجد دورات في الأرشيف بعد.": "The archive has no sessions yet.",
    "وثائق غير منسوبة إلى دورة": "Documents not assigned to a session",
    "الاستشهاد والتنزيل": "Cite and download",
    "نُسخ": "Copied",
    "نسخ الاستشهاد": "Copy citation",
    "نص عادي": "Plain text",
    "رابط الفقرة %(position)s": "Link to paragraph %(position)s",
    "نسخ الرابط": "Copy link",
    "القرار %(number)s": "Resolution %(number)s",
    'القرار <bdi lang="ar">%(number)s</bdi>': 'Resolution <bdi lang="ar">%(number)s</bdi>',
    "الرقم كما طُبع": "Number as printed",
    "الوثيقة": "Document",
    "دورات أخرى للوثيقة": "The document's other sessions",
    "لا توجد فقرات محفوظة لهذا القرار.": "No paragraphs are stored for this resolution.",
    "قرارات الدورة": "Resolutions of the session",
    "القرار السابق": "Previous resolution",
    "القرار التالي": "Next resolution",
    "رقم الدورة": "Session number",
    "استثنائية": "extraordinary",
    "التاريخ الميلادي": "Gregorian date",
    "التاريخ الهجري": "Hijri date",
    "محسوب": "computed",
    "ابحث في هذه الدورة": "Search this session",
    "لا توجد قرارات مرقمة في وثائق هذه الدورة.": "This session's documents contain no numbered resolutions.",
    "لا توجد وثائق.": "No documents.",
    "قرارات": "Qararat",
    "أرشيف قرارات منظمة التعاون الإسلامي والأمم المتحدة وإعلاناتهما، بالعربية، قابل للبحث فقرةً فقرة.":
        "An archive of the resolutions and declarations of the OIC and the United Nations, in Arabic, "
        "searchable paragraph by paragraph.",
    "انتقل إلى المحتوى": "Skip to content",
    "خريطة الموقع": "Sitemap",
    "واجهة JSON": "JSON API",
    "أرشيف قرارات منظمة التعاون الإسلامي والأمم المتحدة": "Archive of OIC and UN resolutions",
    "القائمة الرئيسية": "Main menu",
    "البحث": "Search",
    "العرض": "Display",
    "الأرقام": "Digits",
    "كما في المصدر": "As in the source",
    "هندية": "Arabic-Indic",
    "عربية": "Western",
    "الألوان": "Colours",
    "حسب الجهاز": "As the device",
    "فاتحة": "Light",
    "داكنة": "Dark",
    "حفظ": "Save",
    "مثال: التعاون الاقتصادي، «منظمة المؤتمر الإسلامي»، 32/38-س":
        "Arabic words, a “phrase” or a number such as 32/38",
    "بحث": "Search",
    "تضييق النتائج": "Narrow the results",
    "الصفحات": "Pages",
    "السابق": "Previous",
    "صفحة %(number)s من %(total)s": "Page %(number)s of %(total)s",
    "بلا رقم": "unnumbered",
    "التالي": "Next",
    "رابط الفقرة": "Link to the paragraph",
    "بحث: %(query)s": "Search: %(query)s",
    "كيف تبحث": "How to search",
    "اكتب كلمة أو أكثر: تظهر الفقرات التي تحتوي الكلمات كلها، بأي صيغة (التعاون، والتعاون، تعاون).":
        "Type one or more Arabic words: paragraphs containing all of them are shown, in any inflection "
        f"({AR('التعاون، والتعاون، تعاون')}).",
    "ضع العبارة بين علامتي تنصيص لتجدها كما هي: «منظمة المؤتمر الإسلامي».":
        f"Put a phrase in quotation marks to find it exactly: {AR('«منظمة المؤتمر الإسلامي»')}.",
    "«أو» بين كلمتين تكفي إحداهما: القدس أو فلسطين. وعلامة الطرح تستبعد كلمة: القدس -الاستيطان.":
        f"OR ({AR('أو')}) between two words is satisfied by either: {AR('القدس أو فلسطين')}. "
        f"A minus sign excludes a word: {AR('القدس -الاستيطان')}.",
    "اكتب رقم القرار كما تعرفه: 32/38-س، ٣٢/٣٨، 52/4، 242 (1967).":
        f"Type a resolution number as you know it: {AR('32/38-س، ٣٢/٣٨، 52/4، 242 (1967)')}.",
    "النتائج": "Results",
    "عدد النتائج: %(count)s": "Results: %(count)s",
    "(عُرضت أول %(count)s فقط)": "(only the first %(count)s are shown)",
    "الشروط المختارة": "Chosen filters",
    "إزالة الشرط: %(label)s": "Remove the filter: %(label)s",
    "الترتيب:": "Order:",
    "لم نجد فقرات تطابق بحثك.": "No paragraph matches your search.",
    "هل تقصد:": "Did you mean:",
    "؟": "?",
    "تحقق من الإملاء، أو جرّب كلمة أقل تحديدًا أو أقل عددًا من الكلمات.":
        "Check the spelling, or try a less specific word or fewer words.",
    "أزل بعض الشروط المختارة أعلاه.": "Remove some of the filters chosen above.",
    "ابحث عن عبارة بلا علامتي تنصيص لتجد كلماتها متفرقة.":
        "Search for a phrase without quotation marks to find its words apart.",
    # The admin: site, model and field labels, the upload page, its preview and results, re-parse, audit trail.
    "قرارات — الإدارة": "Qararat — administration",
    "إدارة الأرشيف": "Archive administration",
    "الأرشيف": "Archive",
    "الرئيسية": "Home",
    "المنظمة": "Organisation",
    "المعرّف في الروابط": "Slug",
    "الشعار": "Theme",
    "المكان كما طُبع": "Place as printed",
    "بالإملاء المعتمد": "Canonical spelling",
    "البلد": "Country",
    "تاريخ البداية": "Start date",
    "تاريخ النهاية": "End date",
    "بداية الدورة بالهجري": "Hijri start",
    "نهاية الدورة بالهجري": "Hijri end",
    "YYYY-MM-DD (هجري)": "YYYY-MM-DD (Hijri)",
    "العنوان": "Title",
    "اسم الملف": "Source name",
    "اسم الملف كما أُدخل": "File name as ingested",
    "رابط المصدر": "Source URL",
    "صيغة المصدر": "Source format",
    "الملف الأصلي": "Raw file",
    "ملف المصدر كما هو، بايتًا بايتًا": "The source file, byte for byte",
    "النص المستخرج": "Extracted text",
    "النص المستخرج من ملف PDF أو Word": "Text extracted from a PDF or Word file",
    "الترميز": "Encoding",
    "البصمة": "Checksum",
    "بصمة SHA-256 للملف الأصلي": "SHA-256 of the raw bytes",
    "إصدار المحلل": "Parser version",
    "قيم المشرف": "Admin overrides",
    "تاريخ الإضافة": "Created at",
    "الرقم": "Number",
    "بالصيغة المعتمدة: 32/38-س، 52/4، 242 (1967)": f"Canonical: {AR('32/38-س')}, 52/4, 242 (1967)",
    "الموضوع": "Subject",
    "الفئة": "Category",
    "القرار": "Resolution",
    "الترتيب في الوثيقة": "Position",
    "كما طُبع: 1، ٥، (أ)": f"As printed: 1, {AR('٥')}, {AR('(أ)')}",
    "رفع": "Upload",
    "إضافة": "Add",
    "تعديل": "Edit",
    "حذف": "Delete",
    "إعادة التحليل": "Re-parse",
    "المستخدم": "User",
    "اسم المستخدم": "Username",
    "الإجراء": "Action",
    "نوع الكائن": "Object type",
    "معرّف الكائن": "Object ID",
    "الكائن": "Object",
    "بصمة SHA-256 لملف الوثيقة الأصلي": "SHA-256 of the document's raw bytes",
    "التفاصيل": "Details",
    "الوقت": "Time",
    "قيد في سجل التغييرات": "audit entry",
    "سجل التغييرات": "audit entries",
    "الترتيب %(position)s مستعمل لفقرة أخرى من هذه الوثيقة.":
        "Position %(position)s is used by another paragraph of this document.",
    "%(size)s بايت": "%(size)s bytes",
    "النص الأصلي": "raw text",
    "إعادة التحليل من النص الأصلي (بعد تحديث المحلل)": "Re-parse from raw text (after a parser upgrade)",
    "%(document)s: لم يُعَد تحليلها ولم يتغير شيء: %(error)s": "%(document)s: not re-parsed, nothing changed: %(error)s",
    "%(document)s: أُعيد تحليلها، عدد الفقرات %(before)s ← %(after)s، وعدد ملاحظات المعالجة %(warnings)s.":
        "%(document)s: re-parsed, %(before)s → %(after)s paragraphs, %(warnings)s warnings.",
    "الملفات": "Files",
    "ملف أو أكثر بإحدى هذه الصيغ: txt أو html أو htm أو pdf أو docx.":
        "One or more .txt, .html, .htm, .pdf or .docx files.",
    "— كما اكتشفها المحلل —": "— as detected —",
    "مع رقم الدورة: دورة كل الملفات أدناه، بدلًا مما اكتشفه المحلل.":
        "With a session number: the session of every file below, replacing the detected ones.",
    "لمجلس الأمن: السنة.": "The Security Council's: the year.",
    "دورة استثنائية": "Extraordinary session",
    "لهيئة أخرى فقط، مثل puic.": "For another body only, e.g. puic.",
    "اذكر الهيئة ورقم الدورة معًا، أو اتركهما كليهما.": "Give both the body and the session number, or neither.",
    "لهيئة أخرى فقط.": "Only for another body.",
    "رفع وثائق": "Upload documents",
    "راجع قبل الحفظ": "Check before storing",
    "نتائج الرفع": "Upload results",
    "الملف موجود في الأرشيف: حُفظ الملف نفسه من قبل في الوثيقة %(pk)s «%(title)s».":
        "Duplicate: the same file is already stored as document %(pk)s, “%(title)s”.",
    "خطأ داخلي أثناء قراءة الملف (%(error)s).": "Internal error while reading the file (%(error)s).",
    "الملف مكرر: هو نفسه الملف %(name)s في هذا الرفع.": "Duplicate: the same bytes as %(name)s in this upload.",
    "%(name)s: حُفظ في الوثيقة %(pk)s.": "%(name)s: stored as document %(pk)s.",
    "حُفظ الملف %(name)s في الوثيقة %(pk)s.": "Stored the file %(name)s as document %(pk)s.",
    "خطأ داخلي، لم يُحفظ شيء (%(error)s).": "Internal error, nothing stored (%(error)s).",
    "الملف موجود في الأرشيف: حُفظ في الأثناء في الوثيقة %(pk)s، ولم يتغير شيء.":
        "Duplicate: stored meanwhile as document %(pk)s; nothing changed.",
    "أُلغي الرفع ولم يُحفظ شيء.": "Upload cancelled; nothing was stored.",
    "الملف أكبر من المسموح: حجمه %(size)s بايت، والحد %(limit)s بايت.":
        "The file is too large: %(size)s bytes; the limit is %(limit)s bytes.",
    "تعذر حفظ الوثيقة: %(error)s": "Could not store the document: %(error)s",
    "عناصر <script>": "<script> elements",
    "معالجات أحداث on…": "on… event handlers",
    "روابط javascript: أو vbscript:": "javascript: or vbscript: links",
    "روابط data: تحمل صفحة أو صورة SVG": "data: URLs carrying a page or an SVG image",
    "إطارات وعناصر مضمّنة (iframe أو object أو embed)": "frames and embedded objects (iframe, object, embed)",
    "إعادة توجيه أو تغيير أساس الروابط (meta refresh أو base)": "redirects or a changed link base (meta refresh, base)",
    "شيفرة داخل الأنماط (CSS)": "code in styles (CSS)",
    "شيفرة داخل تعليقات HTML": "code inside HTML comments",
    "شيفرة مكتوبة نصًّا (مثل &lt;script&gt;)": "code written as text (such as &lt;script&gt;)",
    "الصفحة تحتوي على شيفرة برمجية (%(found)s): احفظها دون شيفرة، نصًّا عاديًّا مثلًا أو بعد حذف الشيفرة منها، "
    "ثم ارفعها من جديد.":
        "The page contains %(found)s: save it without scripts, e.g. as plain text or with the scripts "
        "removed, and upload it again.",
    "انتهت صلاحية الرفع: هذا الرفع غير معروف، أو سبق تأكيده أو إلغاؤه.":
        "This upload is unknown or was already confirmed or cancelled.",
    "هذا الرفع لمستخدم آخر.": "This upload belongs to another user.",
    "انتهت صلاحية الرفع: ارفع الملفات من جديد.": "This upload expired; upload the files again.",
    "انتهت صلاحية الرفع: هذا الرفع غير معروف.": "This upload is unknown.",
    "الرفع": "Upload",
    "رفع ملفات": "Upload files",
    'يقرأ الملفاتِ المحللُ نفسه الذي يستعمله الأمر <code dir="ltr">manage.py ingest</code>، وترى ما وجده قبل أن '
    "يُحفظ أي شيء. الحد الأقصى لكل ملف %(limit)s. يجب أن تُحفظ صفحات HTML دون شيفرة برمجية. الحقول أدناه "
    "اختيارية: ما تذكره فيها يحل محل ما يكتشفه المحلل، لكل ملفات هذا الرفع.":
        'Files are read by the same parser as <code dir="ltr">manage.py ingest</code>; you see what it found '
        "before anything is stored. At most %(limit)s per file. HTML pages must be saved without scripts. "
        "The fields below are optional: what you give replaces what the parser detects, for every file of "
        "this upload.",
    "معاينة": "Preview",
    "قيمك، فوق ما وجده المحلل:": "Your values, over what the parser found:",
    "افتح الوثيقة المحفوظة": "Open the stored document",
    "لن يُحفظ شيء من هذا الملف.": "Nothing of this file will be stored.",
    "كما طُبع:": "printed",
    "قُرئ بصفته": "Read as",
    "لا توجد": "none",
    "عدد الفقرات: %(number)s": "Paragraphs: %(number)s",
    "حفظ الملف": "Store 1 file",
    "حفظ الملفات (%(number)s)": "Store %(number)s files",
    "إلغاء": "Cancel",
    "رفع ملفات أخرى": "Upload other files",
    "حُفظ": "stored",
    "أُوقف الدخول مؤقتًا": "Login paused",
    "أُدخلت كلمة مرور خاطئة لهذا الاسم من هذا العنوان مرات كثيرة متتالية، فأوقفنا الدخول به من هنا مؤقتًا حمايةً للحساب. لم يتغير شيء في الحساب نفسه.":
        "A wrong password was entered for this username from this address too many times in a row, so "
        "logging in with it from here is paused for a while to protect the account. Nothing about the "
        "account itself has changed.",
    "حاول مرة أخرى بعد %(wait)s. كل محاولة قبل ذلك تبدأ المهلة من جديد.":
        "Try again in %(wait)s. Each attempt before then starts the wait again.",
    "إن احتجت إلى الدخول الآن فاطلب من أحد مديري الموقع رفع الإيقاف.":
        "If you need to log in now, ask one of the site's administrators to lift the lock.",
    # Big documents in the admin: paragraph list, background indexing, preview.
    # Partial matches on the search page.
    "عدد الفقرات التي تحوي كل كلمات البحث: %(count)s فقط، وتليها فقرات تحوي بعضها، وتحت كل منها ما ينقصها.":
        "Only %(count)s paragraphs contain every word searched for; paragraphs with some of them follow, each "
        "with what it lacks.",
    "لا توجد فقرة تحوي كل كلمات البحث. هذه فقرات تحوي بعضها، وتحت كل منها ما ينقصها.":
        "No paragraph contains every word searched for. These contain some of them; under each, what it lacks.",
    "لا يحوي:": "Missing:",
    "التجميع": "Grouping",
    "كل فقرة وحدها": "every paragraph on its own",
    "أفضل فقرة من كل قرار أو وثيقة": "the best paragraph of each resolution or document",
    "أفضل فقرة من كل قرار": "best paragraph of each resolution",
    "فقرات أخرى وُجدت في هذا القرار: %(count)s": "More paragraphs found in this resolution: %(count)s",
    "فقرات أخرى وُجدت في هذه الوثيقة: %(count)s": "More paragraphs found in this document: %(count)s",
    "الفقرات والفهرس": "Paragraphs and index",
    "%(count)s فقرة": "%(count)s paragraphs",
    "قائمة فقرات الوثيقة": "the document's paragraph list",
    "%(count)s فقرة، أكثر من أن تُعرض هنا للتحرير؛ حرّرها من:":
        "%(count)s paragraphs, too many to edit here; edit them from",
    "%(count)s فقرة (أدناه).": "%(count)s paragraphs (below).",
    "حالة الفهرسة": "Indexing",
    "إعادة فهرسة الوثائق المختارة": "Index the selected documents again",
    "بدأت إعادة فهرسة %(count)s وثيقة في الخلفية؛ تظهر حالتها في صفحة كل وثيقة.":
        "Started indexing %(count)s documents again in the background; each document's page shows how far it has got.",
    "مفهرسة: %(indexed)s من %(total)s فقرة.": "Indexed: %(indexed)s of %(total)s paragraphs.",
    "الفهرسة جارية في الخلفية: %(indexed)s من %(total)s فقرة حتى الآن؛ أعد تحميل الصفحة لمتابعتها.":
        "Indexing in the background: %(indexed)s of %(total)s paragraphs so far; reload the page to follow it.",
    "الفهرسة غير مكتملة: %(indexed)s من %(total)s فقرة في الفهرس. اختر «إعادة فهرسة الوثائق المختارة» "
    "من قائمة الوثائق، أو شغّل manage.py check_index --repair.":
        "Indexing incomplete: %(indexed)s of %(total)s paragraphs are in the index. Choose “Index the selected "
        "documents again” in the document list, or run manage.py check_index --repair.",
    "الوثيقة محفوظة كاملة، وفقراتها تُفهرس في الخلفية لطولها (%(indexed)s من %(total)s حتى الآن): تظهر في "
    "البحث حين تكتمل. تابع حالتها في صفحة تعديل الوثيقة.":
        "The document is stored in full. Being long, its paragraphs are indexed in the background (%(indexed)s "
        "of %(total)s so far) and appear in search once done; follow it on the document's edit page.",
    "ولم تُعرض هنا %(number)s فقرة أخرى، وستُحفظ كلها.":
        "%(number)s more paragraphs are not shown here; all of them will be stored.",
    # Labels of the models of migration 0004 (citations, series, English text, excerpts).
    "مقتطف": "excerpt",
    "السلسلة": "series",
    "سلسلة حددها المشرف": "series set by an admin",
    "النص الإنجليزي": "English text",
    "المفتاح": "key",
    "سلسلة قرارات": "resolution series",
    "سلاسل القرارات": "resolution series",
    "الفقرة": "paragraph",
    "البداية": "start",
    "النهاية": "end",
    "كما طُبع": "as printed",
    "القرار المستشهد به": "cited resolution",
    "استشهاد": "citation",
    "الاستشهادات": "citations",
    "محاولات الدخول": "Login attempts",
    # Issue 15: the English beside the Arabic, excerpts of the UN Parallel Corpus.
    "إخفاء النص الإنجليزي": "Hide the English",
    "سنة الإصدار": "year issued",
    "إظهار النص الإنجليزي": "Show the English",
    "الترجمة الإنجليزية الرسمية بجانب كل فقرة.": "The official English beside each paragraph.",
    "مقتطف من الوثيقة: يحفظ الأرشيف بعض فقراتها فقط.": "Excerpt: the archive holds only some of its paragraphs.",
    "هذه الوثيقة مستوردة بأمر خاص (%(format)s)، فلا يعاد تحليلها من نصها الأصلي.":
        "This document was imported by a command of its own (%(format)s), so it is not re-parsed from its raw text.",
    "لا يُعرف رابطه": "address not known",
    "النصوص كما وردت في مصادرها، مع نص كل مصدر الأصلي، ورابطه حيث يُعرف.":
        "Texts as their sources give them, with each source's original text and, where known, its address.",
    # Processing notes (archive/notes.py).
    "لم تحدد الدورة: لم يوجد اسم هيئة ورقم دورة.": "Session not determined: no body and session number found.",
    "صفحة تابعة لوثيقة أطول: تبدأ الوثيقة في صفحة سابقة.":
        "A continuation page: the document starts on an earlier page.",
    "تبدأ الصفحة في منتصف جملة.": "The page starts mid-sentence.",
    "ينتهي النص في منتصف جملة؛ قد يكون المصدر مقطوعًا.": "The text ends mid-sentence; the source may be cut.",
    "نص PDF بطبقتين: عُرضت الطبقة السليمة.": "Two-layer PDF text: the clean layer is shown.",
    "لم يحدد تاريخ الرسالة.": "Letter date not found.",
    "لم يُستخرج عنوان المرفق من الطبقة المشوهة.": "Annex title not recovered from the garbled layer.",
    "لم يحدد مكان الانعقاد في رأس الوثيقة.": "Meeting place not found in the header.",
    "لم تحدد تواريخ الانعقاد.": "Meeting dates not found.",
    "اجتماع تحضيري: مكانه وتاريخه ليسا مكان الدورة وتاريخها.":
        "A preparatory meeting: its place and dates are not the session's.",
    "تاريخ الانعقاد معروف بالشهر فقط: «%(printed)s».": "Meeting date known only to the month: “%(printed)s”.",
    "تعذر تحويل التاريخ الهجري للتحقق من التاريخ الميلادي المطبوع.":
        "The Hijri dates could not be converted to check the printed Gregorian ones.",
    "التاريخ الميلادي المطبوع (%(start)s إلى %(end)s) يخالف تحويل التاريخ الهجري بتقويم أم القرى "
    "(%(computed_start)s إلى %(computed_end)s)؛ أُبقي المطبوع.":
        "The printed Gregorian dates (%(start)s to %(end)s) disagree with the Umm al-Qura conversion of the "
        "Hijri dates (%(computed_start)s to %(computed_end)s); the printed ones are kept.",
    "التاريخ الهجري خارج مدى تقويم أم القرى، فلا تاريخ ميلادي.":
        "The Hijri dates are outside the Umm al-Qura range, so there are no Gregorian dates.",
    "حُسب التاريخ الميلادي من التاريخ الهجري (تقويم أم القرى).":
        "Gregorian dates computed from the Hijri ones (Umm al-Qura calendar).",
    "لم توجد جملة الانعقاد؛ أُخذ التاريخ من سطر التاريخ.": "No meeting sentence found; dates taken from a dateline.",
    "لم توجد جملة الانعقاد؛ أُخذ التاريخ من سطر العنوان.": "No meeting sentence found; dates taken from a title line.",
    "لم يحدد موضوع القرار %(number)s في هذه الصفحة.": "Subject of resolution %(number)s not found on this page.",
    "لا يحمل القرار رقمًا في المصدر.": "The resolution has no printed number.",
    "طُبع الرقم %(printed)s، وقُرئ القرارَ %(number)s من الدورة %(session)s.":
        "Printed %(printed)s, read as resolution %(number)s of session %(session)s.",
    "طُبع الرقم %(printed)s، ولا يطابق أيٌّ من جزأيه الدورة %(session)s.":
        "Printed %(printed)s; neither part matches session %(session)s.",
    "قرار مجلس الأمن %(number)s: أُخذت سنته %(year)s من التاريخ المطبوع بعده.":
        "Security Council resolution %(number)s: year %(year)s taken from the date printed after it.",
    "طُبع الرقم %(printed)s، وقُرئ قرارَ الجمعية العامة %(number)s من الدورة %(session)s.":
        "Printed %(printed)s, read as General Assembly resolution %(number)s of session %(session)s.",
    "حدد المشرف الدورة: %(session)s (وجد المحلل: %(detected)s).":
        "Session set by the admin: %(session)s (the parser found: %(detected)s).",
    "حدد المشرف الرمز: %(value)s (وجد المحلل: %(detected)s).":
        "Symbol set by the admin: %(value)s (the parser found: %(detected)s).",
    "حدد المشرف التاريخ: %(value)s (وجد المحلل: %(detected)s).":
        "Date set by the admin: %(value)s (the parser found: %(detected)s).",
    "حدد المشرف رابط المصدر: %(value)s (وجد المحلل: %(detected)s).":
        "Source URL set by the admin: %(value)s (the parser found: %(detected)s).",
    "القرار %(number)s بلا رقم أو بلا دورة، فحُفظت فقراته دونه.":
        "Resolution %(number)s has no number or no session, so its paragraphs are stored without it.",
    "الدورة %(session)s: «%(field)s» محفوظ %(old)s، وتقول هذه الوثيقة %(new)s؛ أُبقي المحفوظ.":
        "Session %(session)s: “%(field)s” is stored as %(old)s, this document says %(new)s; the stored value is kept.",
    "القرار %(number)s من الدورة %(session)s: «%(field)s» محفوظ %(old)s، وتقول هذه الوثيقة %(new)s؛ أُبقي المحفوظ.":
        "Resolution %(number)s of session %(session)s: “%(field)s” is stored as %(old)s, this document says "
        "%(new)s; the stored value is kept.",
    "قُصّ «%(field)s» إلى %(length)s حرفًا: %(value)s…": "“%(field)s” cut to %(length)s characters: %(value)s…",
    "قيمة غير معروفة: %(value)s، حُفظت «%(stored)s».": "Unknown value %(value)s, stored as “%(stored)s”.",
    "لا شيء": "none",
    # Citations between resolutions and a resolution's history across sessions (issue 14).
    "نقل القرارات المحددة إلى سلسلة جديدة": "Move the selected resolutions to a new series",
    "نُقل %(count)s من القرارات إلى السلسلة الجديدة «%(title)s».":
        "%(count)s resolution(s) moved to the new series “%(title)s”.",
    "إعادة القرارات المحددة إلى التجميع التلقائي": "Return the selected resolutions to automatic grouping",
    "جُمعت القرارات المحددة حسب موضوعاتها.": "The selected resolutions were grouped by their subjects.",
    "عدد القرارات": "Resolutions",
    "دمج السلاسل المحددة في سلسلة واحدة": "Merge the selected series into one",
    "اختر سلسلتين أو أكثر لدمجها.": "Choose two or more series to merge.",
    "دُمجت %(count)s سلاسل في «%(title)s».": "%(count)s series merged into “%(title)s”.",
    "القرار %(number)s في الأرشيف": "Resolution %(number)s in the archive",
    "الوثيقة الرسمية %(symbol)s على موقع الأمم المتحدة (ليست في الأرشيف)":
        "The official document %(symbol)s on the UN's site (not in the archive)",
    "القرار %(number)s ليس في الأرشيف": "Resolution %(number)s is not in the archive",
    "«cites:» يحتاج رقم قرار، مثل cites:450(1979) أو cites:52/4: تُجوهل «%(value)s».":
        "“cites:” needs a resolution number, such as cites:450(1979) or cites:52/4: “%(value)s” was ignored.",
    "الفقرة في وثيقتها": "The paragraph in its document",
    "لا مقابل لها في هذه الصيغة": "No counterpart in this version",
    "القرار عبر الدورات": "This resolution across sessions",
    "صيغ الموضوع «%(title)s» في دورات مختلفة، من الأقدم إلى الأحدث (عددها %(count)s).":
        "The versions of “%(title)s” at different sessions, oldest first (%(count)s of them).",
    "هذه الصيغة": "this version",
    "قارن بهذه الصيغة": "Compare with this version",
    "يستشهد بـ": "Cites",
    "ليس في الأرشيف: الوثيقة الرسمية للأمم المتحدة": "not in the archive: the UN's official document",
    "ليس في الأرشيف": "not in the archive",
    "تستشهد به": "Cited by",
    "الفقرة المستشهدة %(position)s": "The citing paragraph %(position)s",
    "ابحث عن الفقرات التي تستشهد به": "Search for the paragraphs that cite it",
    "لا يستشهد به أي نص في الأرشيف.": "No text in the archive cites it.",
    "مقارنة القرارين %(a)s و%(b)s": "Resolutions %(a)s and %(b)s compared",
    "مقارنة": "Compare",
    "مقارنة صيغتين": "Two versions compared",
    "القراران ليسا من سلسلة واحدة.": "The two resolutions are not of one series.",
    "فقرات بلا تغيير: %(same)s، معدّلة: %(changed)s، مضافة: %(added)s، محذوفة: %(removed)s.":
        "Paragraphs unchanged: %(same)s, changed: %(changed)s, added: %(added)s, removed: %(removed)s.",
    "المفتاح:": "Key:",
    "كلمات حُذفت": "words removed",
    "كلمات أُضيفت": "words added",
    "الصيغتان فقرةً فقرة": "The two versions, paragraph by paragraph",
    "الصيغة الأقدم": "Earlier version",
    "الصيغة الأحدث": "Later version",
    "في الأرشيف": "Held",
    "الفقرات التي تستشهد بقرار: cites:450(1979) أو cites:32/38-س، وحدها أو مع كلمات.":
        "The paragraphs that cite a resolution: cites:450(1979) or cites:52/4, alone or with words.",
    "قرار في الأرشيف": "A resolution the archive holds",
    "قرار ليس في الأرشيف": "A resolution the archive lacks",
    # Feeds, OAI-PMH and exports (issue 14).
    "قرارات: وثائق أضيفت حديثًا": "Qararat: newly added documents",
    "أحدث ما أضيف إلى أرشيف قرارات منظمة التعاون الإسلامي والأمم المتحدة.":
        "The latest additions to the archive of OIC and UN resolutions.",
    "قرارات: وثائق %(session)s": "Qararat: documents of %(session)s",
    "وثائق هذه الدورة في أرشيف قرارات، الأحدث إضافةً أولًا.":
        "This session's documents in the Qararat archive, most recently added first.",
    "قرارات: بحث عن «%(query)s»": "Qararat: search for “%(query)s”",
    "قرارات: بحث": "Qararat: search",
    "أول %(count)s فقرة من نتائج هذا البحث في أرشيف قرارات.":
        "The first %(count)s paragraphs this search finds in the Qararat archive.",
    "القرار %(number)s: %(title)s": "Resolution %(number)s: %(title)s",
    "الرابط الدائم": "Permalink",
    "رقم القرار": "Resolution number",
    "رقم الفقرة": "Paragraph number",
    "؛ ": "; ",
    "نتائج هذا البحث (Atom)": "Results of this search (Atom)",
    "اشترك في هذا البحث (Atom)": "Subscribe to this search (Atom)",
    "تنزيل النتائج (حتى %(limit)s فقرة):": "Download the results (up to %(limit)s paragraphs):",
    "وثائق هذه الدورة (Atom)": "Documents of this session (Atom)",
    "اشترك في وثائق هذه الدورة (Atom)": "Subscribe to this session's documents (Atom)",
    "اشترك في الوثائق الجديدة (Atom)": "Subscribe to new documents (Atom)",
    "للمكتبات: OAI-PMH": "For libraries: OAI-PMH",
}


def main(path: Path) -> int:
    catalogue = polib.pofile(str(path))
    missing = []
    for entry in catalogue:
        if entry.msgid in EN:
            entry.msgstr = EN[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr or "fuzzy" in entry.flags:
            # A fuzzy entry is makemessages' guess from a changed msgid; compilemessages leaves it out.
            missing.append(entry.msgid)
    catalogue.metadata["Language"] = "en"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save(str(path))
    for msgid in missing:
        print(f"no English for: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent / "en" / "LC_MESSAGES" / "django.po"))
