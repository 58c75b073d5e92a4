<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActionBar</name>
    <message>
        <source>Assessment…</source>
        <translation>تقييم…</translation>
    </message>
    <message>
        <source>Plan item…</source>
        <translation>بند في الخطة…</translation>
    </message>
    <message>
        <source>Visit…</source>
        <translation>زيارة…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>ملاحظة…</translation>
    </message>
    <message>
        <source>Referral…</source>
        <translation>إحالة…</translation>
    </message>
    <message>
        <source>Court report…</source>
        <translation>تقرير للمحكمة…</translation>
    </message>
    <message>
        <source>Document…</source>
        <translation>مستند…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>إسناد…</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>نقل…</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>تسجيل:</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Monday</source>
        <translation>الإثنين</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>الثلاثاء</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>الأربعاء</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>الخميس</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>الجمعة</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>السبت</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>الأحد</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>رقم الحالة</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>المستفيد</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>نوع الحالة</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>الأخصائي الاجتماعي</translation>
    </message>
    <message>
        <source>Past and not recorded as done</source>
        <translation>فات موعدها ولم تُسجَّل منجزة</translation>
    </message>
    <message>
        <source>A weekend day (Friday or Saturday)</source>
        <translation>يوم عطلة (الجمعة أو السبت)</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>The database could not be read.</source>
        <translation>تعذّرت قراءة قاعدة البيانات.</translation>
    </message>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>The branch data could not be opened:
%1
Details are in the log file.</source>
        <translation>تعذّر فتح بيانات الفرع:
%1
التفاصيل في ملف السجل.</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>تغيير اللغة</translation>
    </message>
    <message>
        <source>Some open records have unsaved changes. Close them and change the language now? (Otherwise the language changes at your next login.)</source>
        <translation>في بعض السجلات المفتوحة تغييرات غير محفوظة. هل تريد إغلاقها وتغيير اللغة الآن؟ (وإلا تتغير اللغة عند دخولك القادم.)</translation>
    </message>
    <message>
        <source>Change now</source>
        <translation>غيّر الآن</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>لاحقًا</translation>
    </message>
</context>
<context>
    <name>ApproveClosureDialog</name>
    <message>
        <source>Approve the closure</source>
        <translation>اعتماد إغلاق الحالة</translation>
    </message>
    <message>
        <source>Approve and close</source>
        <translation>اعتماد الإغلاق</translation>
    </message>
    <message>
        <source>Closure of case %2 requested by: %1.</source>
        <translation>طلب إغلاق الحالة %2 مقدَّم من: %1.</translation>
    </message>
    <message>
        <source>The worker</source>
        <translation>الأخصائي</translation>
    </message>
    <message>
        <source>Reason for closing</source>
        <translation>سبب الإغلاق</translation>
    </message>
    <message>
        <source>Note of the worker</source>
        <translation>ملاحظة الأخصائي</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Assessment</source>
        <translation>تقييم الحالة</translation>
    </message>
    <message>
        <source>— choose the level —</source>
        <translation>— اختر المستوى —</translation>
    </message>
    <message>
        <source>What could harm the person or the family?</source>
        <translation>ما الذي قد يلحق الضرر بالشخص أو بالأسرة؟</translation>
    </message>
    <message>
        <source>Needs found *</source>
        <translation>الاحتياجات *</translation>
    </message>
    <message>
        <source>Risk level *</source>
        <translation>مستوى الخطورة *</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>المخاطر</translation>
    </message>
    <message>
        <source>Assessment summary *</source>
        <translation>خلاصة التقييم *</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the case</source>
        <translation>إسناد الحالة</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>إسناد</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>الأخصائي</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <source>Logged in</source>
        <translation>تسجيل دخول</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>تسجيل خروج</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>محاولة دخول فاشلة</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>رُفض الدخول</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>قُفل الحساب</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>فُتح قفل الحساب</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>أُنشئ حساب</translation>
    </message>
    <message>
        <source>Beneficiary registered</source>
        <translation>تسجيل مستفيد</translation>
    </message>
    <message>
        <source>Beneficiary changed</source>
        <translation>تعديل بيانات مستفيد</translation>
    </message>
    <message>
        <source>Demo people added</source>
        <translation>إضافة بيانات تجريبية</translation>
    </message>
    <message>
        <source>Household created</source>
        <translation>إنشاء أسرة</translation>
    </message>
    <message>
        <source>Household changed</source>
        <translation>تعديل بيانات أسرة</translation>
    </message>
    <message>
        <source>Household member added</source>
        <translation>إضافة فرد إلى أسرة</translation>
    </message>
    <message>
        <source>Household member removed</source>
        <translation>إزالة فرد من أسرة</translation>
    </message>
    <message>
        <source>Household member moved from another household</source>
        <translation>نُقل فرد إلى الأسرة من أسرة أخرى</translation>
    </message>
    <message>
        <source>New household members registered</source>
        <translation>سُجِّل أفراد جدد في الأسرة</translation>
    </message>
    <message>
        <source>Household closed (its last member moved)</source>
        <translation>أُغلقت الأسرة (نُقل آخر أفرادها)</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>فتح حالة</translation>
    </message>
    <message>
        <source>Case viewed</source>
        <translation>الاطلاع على حالة</translation>
    </message>
    <message>
        <source>Case details changed</source>
        <translation>تعديل بيانات حالة</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>إسناد حالة</translation>
    </message>
    <message>
        <source>Case status changed</source>
        <translation>تغيير مرحلة حالة</translation>
    </message>
    <message>
        <source>Case entry added</source>
        <translation>إضافة قيد إلى حالة</translation>
    </message>
    <message>
        <source>Case entry corrected</source>
        <translation>تصحيح قيد في حالة</translation>
    </message>
    <message>
        <source>Case opened with a reason</source>
        <translation>فتح حالة بذكر سبب</translation>
    </message>
    <message>
        <source>Case transfer requested</source>
        <translation>طلب نقل حالة</translation>
    </message>
    <message>
        <source>Intake form printed</source>
        <translation>طباعة استمارة تسجيل</translation>
    </message>
    <message>
        <source>Blank intake form printed</source>
        <translation>طباعة استمارة تسجيل فارغة</translation>
    </message>
    <message>
        <source>Household form printed</source>
        <translation>طباعة استمارة أسرة</translation>
    </message>
    <message>
        <source>Case summary printed</source>
        <translation>طباعة ملخص حالة</translation>
    </message>
    <message>
        <source>Visit sheet printed</source>
        <translation>طباعة ورقة زيارة</translation>
    </message>
    <message>
        <source>Blank visit sheet printed</source>
        <translation>طباعة ورقة زيارة فارغة</translation>
    </message>
    <message>
        <source>Referral letter printed</source>
        <translation>طباعة خطاب إحالة</translation>
    </message>
    <message>
        <source>Court social report printed</source>
        <translation>طباعة تقرير البحث الاجتماعي للمحكمة</translation>
    </message>
    <message>
        <source>Visit sheets printed in a batch</source>
        <translation>طباعة أوراق الزيارات دفعة واحدة</translation>
    </message>
    <message>
        <source>Case figures exported</source>
        <translation>تصدير إحصاءات الحالات</translation>
    </message>
    <message>
        <source>Branch enrolled with headquarters</source>
        <translation>تسجيل الفرع لدى المقر الرئيسي</translation>
    </message>
    <message>
        <source>Synchronized with headquarters</source>
        <translation>مزامنة مع المقر الرئيسي</translation>
    </message>
    <message>
        <source>Sync files written for USB</source>
        <translation>كتابة ملفات مزامنة على ذاكرة محمولة</translation>
    </message>
    <message>
        <source>Sync file imported</source>
        <translation>استيراد ملف مزامنة</translation>
    </message>
    <message>
        <source>Beneficiaries imported from a file</source>
        <translation>استيراد مستفيدين من ملف</translation>
    </message>
    <message>
        <source>A list of names matched</source>
        <translation>مطابقة قائمة أسماء</translation>
    </message>
    <message>
        <source>Password chosen</source>
        <translation>اختيار كلمة المرور</translation>
    </message>
    <message>
        <source>Account received from headquarters</source>
        <translation>حساب وارد من المقر الرئيسي</translation>
    </message>
    <message>
        <source>Account changed by headquarters</source>
        <translation>تعديل حساب من المقر الرئيسي</translation>
    </message>
    <message>
        <source>Account from headquarters refused</source>
        <translation>رفض حساب وارد من المقر الرئيسي</translation>
    </message>
    <message>
        <source>Every case action</source>
        <translation>كل إجراءات الحالات</translation>
    </message>
    <message>
        <source>Every login and log-out event</source>
        <translation>كل عمليات الدخول والخروج</translation>
    </message>
    <message>
        <source>Every export</source>
        <translation>كل عمليات التصدير</translation>
    </message>
    <message>
        <source>Every print</source>
        <translation>كل عمليات الطباعة</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>case type</source>
        <translation>نوع الحالة</translation>
    </message>
    <message>
        <source>from</source>
        <translation>من</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>حساسة</translation>
    </message>
    <message>
        <source>format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>from date</source>
        <translation>من تاريخ</translation>
    </message>
    <message>
        <source>to date</source>
        <translation>إلى تاريخ</translation>
    </message>
    <message>
        <source>file</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>files</source>
        <translation>الملفات</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>الصفوف</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>count</source>
        <translation>العدد</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>الدفعات</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>المطبَّقة</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>الصفحات</translation>
    </message>
    <message>
        <source>form</source>
        <translation>الاستمارة</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>day</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>الحالات</translation>
    </message>
    <message>
        <source>attempt</source>
        <translation>المحاولة</translation>
    </message>
    <message>
        <source>headquarters address</source>
        <translation>عنوان المقر الرئيسي</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>مسجَّل</translation>
    </message>
    <message>
        <source>relationship to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>active</source>
        <translation>مفعَّل</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>بذرة التوليد</translation>
    </message>
    <message>
        <source>next number</source>
        <translation>الرقم التالي</translation>
    </message>
    <message>
        <source>households</source>
        <translation>الأسر</translation>
    </message>
    <message>
        <source>file fingerprint</source>
        <translation>بصمة الملف</translation>
    </message>
    <message>
        <source>already registered</source>
        <translation>مسجلون من قبل</translation>
    </message>
    <message>
        <source>rows with errors</source>
        <translation>صفوف بها أخطاء</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>المسترجَع</translation>
    </message>
    <message>
        <source>from headquarters</source>
        <translation>من المقر الرئيسي</translation>
    </message>
    <message>
        <source>sent again</source>
        <translation>أُعيد إرسالها</translation>
    </message>
    <message>
        <source>setup code</source>
        <translation>رمز الإعداد</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>الأسطر</translation>
    </message>
    <message>
        <source>names looked for</source>
        <translation>الأسماء المبحوث عنها</translation>
    </message>
    <message>
        <source>lines left out</source>
        <translation>أسطر تُركت</translation>
    </message>
    <message>
        <source>with a match</source>
        <translation>لها تطابق</translation>
    </message>
    <message>
        <source>scoring 100</source>
        <translation>بدرجة 100</translation>
    </message>
    <message>
        <source>matches per name</source>
        <translation>المطابقات لكل اسم</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>أُوقفت</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>الحساب معطَّل</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>الحساب مقفل</translation>
    </message>
    <message>
        <source>user name already taken at the branch</source>
        <translation>اسم المستخدم مأخوذ في الفرع</translation>
    </message>
    <message>
        <source>old</source>
        <translation>القديم</translation>
    </message>
    <message>
        <source>new</source>
        <translation>الجديد</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>AuditBrowser</name>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Case number, for example %1</source>
        <translation>رقم الحالة، مثل %1</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation>مسح عوامل التصفية</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Check the log&apos;s integrity</source>
        <translation>التحقق من سلامة السجل</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>كل الإجراءات</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>كل المستخدمين</translation>
    </message>
    <message>
        <source>No entries match.</source>
        <translation>لا توجد قيود مطابقة.</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>عدد القيود: %1</translation>
    </message>
    <message>
        <source>Latest %1 entries; scroll down for older ones.</source>
        <translation>أحدث %1 قيد؛ مرّر للأسفل لعرض الأقدم.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Intact: %1 entries, none changed.</source>
        <translation>السجل سليم: %1 قيد، لم يُعدَّل أيٌّ منها.</translation>
    </message>
    <message>
        <source>Altered from entry %1 on!</source>
        <translation>السجل معدَّل ابتداءً من القيد %1!</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Case or person</source>
        <translation>الحالة أو الشخص</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Visit sheets for a day</source>
        <translation>استمارات زيارات يوم</translation>
    </message>
    <message>
        <source>One visit sheet for every planned visit due on this day, in the cases you may open. The sheets open in the print preview.</source>
        <translation>استمارة زيارة لكل زيارة مخطط لها في هذا اليوم، في الحالات التي يحق لك فتحها. تُفتح الاستمارات في معاينة الطباعة.</translation>
    </message>
    <message>
        <source>Prepare the sheets</source>
        <translation>تجهيز الاستمارات</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Visits due on</source>
        <translation>الزيارات المقررة في</translation>
    </message>
    <message>
        <source>Finding the visits due…</source>
        <translation>جارٍ البحث عن الزيارات المقررة…</translation>
    </message>
    <message>
        <source>Preparing sheet %1 of %2…</source>
        <translation>جارٍ تجهيز الاستمارة %1 من %2…</translation>
    </message>
    <message>
        <source>No planned visits are due on that day.</source>
        <translation>لا توجد زيارات مخطط لها في ذلك اليوم.</translation>
    </message>
    <message>
        <source>The visit sheets are ready (cases: %1).</source>
        <translation>استمارات الزيارات جاهزة (عدد الحالات: %1).</translation>
    </message>
    <message>
        <source>Visit sheets due on %1</source>
        <translation>استمارات زيارات يوم %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was printed.</source>
        <translation>أُلغيت: لم يُطبع شيء.</translation>
    </message>
    <message>
        <source>The sheets could not be prepared.</source>
        <translation>تعذر تجهيز الاستمارات.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
</context>
<context>
    <name>BeneficiaryFields</name>
    <message>
        <source>First name</source>
        <translation>الاسم الأول</translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <source>Grandfather&apos;s name</source>
        <translation>اسم الجد</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>اللقب</translation>
    </message>
    <message>
        <source>Name in Latin letters (as on the passport)</source>
        <translation>الاسم باللاتينية (كما في جواز السفر)</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— اختر —</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 رقمًا</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— بدون —</translation>
    </message>
    <message>
        <source>— not stated —</source>
        <translation>— غير محدد —</translation>
    </message>
    <message>
        <source>— degree —</source>
        <translation>— الدرجة —</translation>
    </message>
    <message>
        <source>dinars</source>
        <translation>بالدينار</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Mother&apos;s full name</source>
        <translation>اسم الأم الكامل</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>الهوية</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Administrative number</source>
        <translation>الرقم الإداري</translation>
    </message>
    <message>
        <source>Passport number</source>
        <translation>رقم جواز السفر</translation>
    </message>
    <message>
        <source>Family booklet number</source>
        <translation>رقم كتيب العائلة</translation>
    </message>
    <message>
        <source>Address and phones</source>
        <translation>العنوان والهواتف</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>الهواتف</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>الوضع الاجتماعي</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>الحالة الاجتماعية</translation>
    </message>
    <message>
        <source>Displacement</source>
        <translation>النزوح</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>الإعاقة</translation>
    </message>
    <message>
        <source>Disability degree</source>
        <translation>درجة الإعاقة</translation>
    </message>
    <message>
        <source>Monthly income (LYD)</source>
        <translation>الدخل الشهري (د.ل)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
</context>
<context>
    <name>BeneficiaryForm</name>
    <message>
        <source>Beneficiary</source>
        <translation>مستفيد</translation>
    </message>
    <message>
        <source>Open the existing record</source>
        <translation>فتح السجل الموجود</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>البيانات</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>سجل التعديلات</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>الحالات</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Print intake form</source>
        <translation>طباعة استمارة التسجيل</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>حفظ (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>New beneficiary</source>
        <translation>مستفيد جديد</translation>
    </message>
    <message>
        <source>Editing: press Ctrl+S to save, Esc to cancel.</source>
        <translation>وضع التعديل: اضغط Ctrl+S للحفظ و Esc للإلغاء.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>لم يُحفظ شيء: صحّح الحقول المعلَّمة باللون الأحمر.</translation>
    </message>
    <message>
        <source>%1 is already registered with this national number.</source>
        <translation>«%1» مسجَّل مسبقًا بهذا الرقم الوطني.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>لم يُحفظ شيء.</translation>
    </message>
</context>
<context>
    <name>BeneficiaryTableModel</name>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Mother&apos;s name</source>
        <translation>اسم الأم</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>Person number</source>
        <translation>رقم السجل</translation>
    </message>
</context>
<context>
    <name>BreakGlassDialog</name>
    <message>
        <source>Open a case that is not yours</source>
        <translation>فتح حالة غير مسندة إليك</translation>
    </message>
    <message>
        <source>Case %1 is not assigned to you.</source>
        <translation>الحالة %1 غير مسندة إليك.</translation>
    </message>
    <message>
        <source>This case is not assigned to you.</source>
        <translation>هذه الحالة غير مسندة إليك.</translation>
    </message>
    <message>
        <source>To read it, write why you need to open it. Your name, the time and the reason are recorded in the audit log, and your supervisor can see them. The case opens for reading only, for %1 hours.</source>
        <translation>للاطلاع عليها اكتب سبب حاجتك إلى فتحها. يُسجَّل اسمك ووقت الفتح والسبب في سجل التدقيق ويطّلع عليها المشرف. تُفتح الحالة للاطلاع فقط لمدة %1 ساعات.</translation>
    </message>
    <message>
        <source>For example: the assigned worker is on leave and the family came today.</source>
        <translation>مثال: الأخصائي المسؤول في إجازة والأسرة حضرت اليوم.</translation>
    </message>
    <message>
        <source>Reason (at least %1 characters)</source>
        <translation>السبب (%1 أحرف على الأقل)</translation>
    </message>
    <message>
        <source>Open for reading</source>
        <translation>فتح للاطلاع</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Write a real reason: at least %1 characters.</source>
        <translation>اكتب سبباً واضحاً: %1 أحرف على الأقل.</translation>
    </message>
</context>
<context>
    <name>CaseDetails</name>
    <message>
        <source>Sensitive case: only the assigned worker and supervisors may read it</source>
        <translation>حالة حساسة: لا يطّلع عليها إلا الأخصائي المسؤول والمشرفون</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>ملخص الحالة</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>السرية</translation>
    </message>
    <message>
        <source>Details of this type of case</source>
        <translation>بيانات خاصة بنوع الحالة</translation>
    </message>
    <message>
        <source>Save the details</source>
        <translation>حفظ البيانات</translation>
    </message>
    <message>
        <source>Undo my changes</source>
        <translation>تراجع عن تعديلاتي</translation>
    </message>
    <message>
        <source>Changed: not saved yet.</source>
        <translation>عُدّلت البيانات ولم تُحفظ بعد.</translation>
    </message>
</context>
<context>
    <name>CaseEventTableModel</name>
    <message>
        <source>Replaced by a later correction</source>
        <translation>استُبدل بتصحيح لاحق</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>مُصحَّح</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>What</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>الموعد</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
</context>
<context>
    <name>CaseEventText</name>
    <message>
        <source>Confidential</source>
        <translation>سري</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Risk: %1 — needs: %2</source>
        <translation>الخطورة: %1 — الاحتياجات: %2</translation>
    </message>
    <message>
        <source>%1, done on %2</source>
        <translation>%1، تمت في %2</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>من %1 إلى %2</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>أُسندت إلى %1</translation>
    </message>
    <message>
        <source>To branch %1</source>
        <translation>إلى الفرع %1</translation>
    </message>
    <message>
        <source>Needs found</source>
        <translation>الاحتياجات</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>مستوى الخطورة</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>المخاطر</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الخلاصة</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Who does it</source>
        <translation>المسؤول عن التنفيذ</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>الموعد</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Place details</source>
        <translation>تفاصيل المكان</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>تاريخ التنفيذ</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>الجهة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Answer of the agency</source>
        <translation>رد الجهة</translation>
    </message>
    <message>
        <source>Answer expected by</source>
        <translation>الرد متوقع قبل</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>المحكمة</translation>
    </message>
    <message>
        <source>Court file number</source>
        <translation>رقم ملف القضية</translation>
    </message>
    <message>
        <source>Hearing date</source>
        <translation>تاريخ الجلسة</translation>
    </message>
    <message>
        <source>Family background</source>
        <translation>الخلفية الأسرية</translation>
    </message>
    <message>
        <source>Social situation</source>
        <translation>الوضع الاجتماعي</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>التوصيات</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Reason for closing</source>
        <translation>سبب الإغلاق</translation>
    </message>
    <message>
        <source>Left open, with the reason given:</source>
        <translation>بقي مفتوحاً عند الإغلاق، مع السبب:</translation>
    </message>
    <message>
        <source>%1, by %2</source>
        <translation>%1، بواسطة %2</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Replaced by a later correction.</source>
        <translation>استُبدل هذا الإجراء بتصحيح لاحق.</translation>
    </message>
    <message>
        <source>Only those who may edit the case can read this.</source>
        <translation>لا يطّلع على هذا إلا من يحق له تعديل الحالة.</translation>
    </message>
    <message>
        <source>Confidential: hidden from other readers.</source>
        <translation>سري: مخفي عن غيرك من المطّلعين.</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>لم يُحفظ شيء: صحّح الحقول المعلّمة باللون الأحمر.</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Sensitive</source>
        <translation>حساسة</translation>
    </message>
    <message>
        <source>Only the assigned worker and supervisors may read this case.</source>
        <translation>لا يطّلع على هذه الحالة إلا الأخصائي المسؤول والمشرفون.</translation>
    </message>
    <message>
        <source>Closure:</source>
        <translation>الإغلاق:</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>الشخص:</translation>
    </message>
    <message>
        <source>Person number:</source>
        <translation>رقم السجل:</translation>
    </message>
    <message>
        <source>National number:</source>
        <translation>الرقم الوطني:</translation>
    </message>
    <message>
        <source>Assigned to:</source>
        <translation>الأخصائي المسؤول:</translation>
    </message>
    <message>
        <source>Opened on:</source>
        <translation>تاريخ الفتح:</translation>
    </message>
    <message>
        <source>Next due date:</source>
        <translation>أقرب موعد:</translation>
    </message>
    <message>
        <source>Last visit:</source>
        <translation>آخر زيارة:</translation>
    </message>
    <message>
        <source>Risk level:</source>
        <translation>مستوى الخطورة:</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>لم تُقيَّم بعد</translation>
    </message>
    <message>
        <source>Closed on %1</source>
        <translation>أُغلقت في %1</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>التقييم</translation>
    </message>
    <message>
        <source>Case plan</source>
        <translation>خطة الحالة</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>المتابعة</translation>
    </message>
    <message>
        <source>Closure requested</source>
        <translation>طلب إغلاق</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>مغلقة</translation>
    </message>
    <message>
        <source>Goals achieved</source>
        <translation>تحققت الأهداف</translation>
    </message>
    <message>
        <source>Referred to another agency</source>
        <translation>أُحيلت إلى جهة أخرى</translation>
    </message>
    <message>
        <source>Moved away</source>
        <translation>انتقل إلى مكان آخر</translation>
    </message>
    <message>
        <source>Declined the service</source>
        <translation>رفض الخدمة</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>غير مستحق</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>متوفى</translation>
    </message>
    <message>
        <source>Opened in error</source>
        <translation>فُتحت خطأً</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>سبب آخر</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <source>High</source>
        <translation>مرتفع</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>حرج</translation>
    </message>
    <message>
        <source>Plan item</source>
        <translation>بند في الخطة</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>زيارة</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>إحالة</translation>
    </message>
    <message>
        <source>Court social report</source>
        <translation>تقرير اجتماعي للمحكمة</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>مستند</translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation>تغيير المرحلة</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>إسناد</translation>
    </message>
    <message>
        <source>Transfer request</source>
        <translation>طلب نقل</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>الدخل</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>السكن</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>الصحة</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>التعليم</translation>
    </message>
    <message>
        <source>Legal help</source>
        <translation>المساعدة القانونية</translation>
    </message>
    <message>
        <source>Psychosocial support</source>
        <translation>الدعم النفسي الاجتماعي</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>الحماية</translation>
    </message>
    <message>
        <source>Civil documents</source>
        <translation>الوثائق الرسمية</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>العمل</translation>
    </message>
    <message>
        <source>Family contact</source>
        <translation>التواصل مع الأسرة</translation>
    </message>
    <message>
        <source>Other need</source>
        <translation>احتياج آخر</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ملغى</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>مخطط لها</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تمت</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>لم تتم</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>مُرسلة</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>المنزل</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>مؤسسة</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>المحكمة</translation>
    </message>
    <message>
        <source>School</source>
        <translation>المدرسة</translation>
    </message>
    <message>
        <source>Other place</source>
        <translation>مكان آخر</translation>
    </message>
    <message>
        <source>Juvenile</source>
        <translation>حدث</translation>
    </message>
    <message>
        <source>Family of a prisoner</source>
        <translation>أسرة سجين</translation>
    </message>
    <message>
        <source>Inmate rehabilitation</source>
        <translation>نزيل مؤسسة إصلاح وتأهيل</translation>
    </message>
    <message>
        <source>Displaced</source>
        <translation>نازح</translation>
    </message>
    <message>
        <source>Person with a disability</source>
        <translation>شخص ذو إعاقة</translation>
    </message>
    <message>
        <source>Protection of women</source>
        <translation>حماية المرأة</translation>
    </message>
    <message>
        <source>Child protection</source>
        <translation>حماية الطفل</translation>
    </message>
    <message>
        <source>Elderly person</source>
        <translation>مسن</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>منتظم</translation>
    </message>
    <message>
        <source>Irregular</source>
        <translation>غير منتظم</translation>
    </message>
    <message>
        <source>None</source>
        <translation>لا يوجد</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Case number</source>
        <translation>رقم الحالة</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>المستفيد</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>نوع الحالة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>الموعد القادم</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>آخر زيارة</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>الأخصائي الاجتماعي</translation>
    </message>
    <message>
        <source>In this status since</source>
        <translation>في هذه المرحلة منذ</translation>
    </message>
    <message>
        <source>Closure reason</source>
        <translation>سبب الإغلاق</translation>
    </message>
    <message>
        <source>A sensitive case: the names show once you open it (with a reason).</source>
        <translation>حالة حساسة: تظهر الأسماء عند فتحها (مع ذكر السبب).</translation>
    </message>
    <message>
        <source>Days overdue: %1</source>
        <translation>أيام التأخير: %1</translation>
    </message>
    <message>
        <source>Waiting for its transfer to branch %1</source>
        <translation>بانتظار نقلها إلى الفرع %1</translation>
    </message>
</context>
<context>
    <name>CaseOpener</name>
    <message>
        <source>Case</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>You may not open cases.</source>
        <translation>لا يحق لك فتح الحالات.</translation>
    </message>
</context>
<context>
    <name>CasePersonPanel</name>
    <message>
        <source>Open the case</source>
        <translation>فتح الحالة</translation>
    </message>
    <message>
        <source>Open a new case…</source>
        <translation>فتح حالة جديدة…</translation>
    </message>
    <message>
        <source>Save the person first; then cases can be opened.</source>
        <translation>احفظ بيانات الشخص أولاً، ثم يمكن فتح حالات له.</translation>
    </message>
    <message>
        <source>No case was opened for this person.</source>
        <translation>لم تُفتح أي حالة لهذا الشخص.</translation>
    </message>
    <message>
        <source>Double-click a case to open it.</source>
        <translation>انقر نقراً مزدوجاً على الحالة لفتحها.</translation>
    </message>
    <message>
        <source>Cases are not shown to your role.</source>
        <translation>لا تُعرض الحالات لدورك.</translation>
    </message>
</context>
<context>
    <name>CasePrintButton</name>
    <message>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation>ملخص الحالة</translation>
    </message>
    <message>
        <source>Visit sheet</source>
        <translation>استمارة زيارة متابعة</translation>
    </message>
    <message>
        <source>Referral letter (selected referral)</source>
        <translation>خطاب إحالة (الإحالة المحددة)</translation>
    </message>
    <message>
        <source>Court report</source>
        <translation>تقرير محكمة الأحداث</translation>
    </message>
    <message>
        <source>Visit sheet (selected visit)</source>
        <translation>استمارة زيارة متابعة (الزيارة المحددة)</translation>
    </message>
</context>
<context>
    <name>CaseSummaryTableModel</name>
    <message>
        <source>This case is not yours: opening it asks for a reason.</source>
        <translation>هذه الحالة غير مسندة إليك: فتحها يتطلب ذكر سبب.</translation>
    </message>
    <message>
        <source>Transfer to branch %1 requested</source>
        <translation>طُلب نقلها إلى الفرع %1</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>حساسة</translation>
    </message>
    <message>
        <source>not yours</source>
        <translation>غير مسندة إليك</translation>
    </message>
    <message>
        <source>transfer requested</source>
        <translation>طُلب نقلها</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>رقم الحالة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>الأخصائي</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>تاريخ الفتح</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>أقرب موعد</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <source>Record the visit…</source>
        <translation>تسجيل نتيجة الزيارة…</translation>
    </message>
    <message>
        <source>Answer of the agency…</source>
        <translation>رد الجهة…</translation>
    </message>
    <message>
        <source>Progress of the item…</source>
        <translation>تقدّم البند…</translation>
    </message>
    <message>
        <source>Open the document</source>
        <translation>فتح المستند</translation>
    </message>
</context>
<context>
    <name>CaseTypeFields</name>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— اختر —</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <source>Case</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>سجل الحالة</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>البيانات</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق النافذة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>The case could not be opened.</source>
        <translation>تعذّر فتح الحالة.</translation>
    </message>
    <message>
        <source>Case %1 — %2</source>
        <translation>الحالة %1 — %2</translation>
    </message>
    <message>
        <source>Read only: you opened this case with a reason, and the opening was recorded. You cannot change it.</source>
        <translation>للاطلاع فقط: فتحت هذه الحالة بذكر سبب، وسُجّل ذلك. لا يمكنك تعديلها.</translation>
    </message>
    <message>
        <source>A transfer to branch %1 was requested: the case cannot be changed here until headquarters moves it.</source>
        <translation>طُلب نقل الحالة إلى الفرع %1: لا يمكن تعديلها هنا حتى تنقلها الإدارة العامة.</translation>
    </message>
    <message>
        <source>Closure requested: waiting for the supervisor&apos;s decision.</source>
        <translation>طُلب إغلاق الحالة: بانتظار قرار المشرف.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The case moved to: %1</source>
        <translation>انتقلت الحالة إلى: %1</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>لم يُحفظ شيء: صحّح الحقول المعلّمة باللون الأحمر.</translation>
    </message>
</context>
<context>
    <name>ClosureChecklist</name>
    <message>
        <source>Plan item “%1”, due %2, not done</source>
        <translation>بند الخطة «%1»، موعده %2، لم يُنجز</translation>
    </message>
    <message>
        <source>Referral to %1, still without an answer</source>
        <translation>إحالة إلى %1، لم يصل ردها بعد</translation>
    </message>
    <message>
        <source>Visit (%1) planned for %2, no outcome recorded</source>
        <translation>زيارة (%1) موعدها %2، لم تُسجَّل نتيجتها</translation>
    </message>
    <message>
        <source>Nothing is left open in this case.</source>
        <translation>لا يوجد بند مفتوح في هذه الحالة.</translation>
    </message>
    <message>
        <source>Still open in this case, with the worker&apos;s reason for each:</source>
        <translation>ما زال مفتوحاً في هذه الحالة، مع سبب الأخصائي لكل بند:</translation>
    </message>
    <message>
        <source>Still open in this case, with the worker&apos;s reason for each. Give a reason for any item that has none:</source>
        <translation>ما زال مفتوحاً في هذه الحالة، مع سبب الأخصائي لكل بند. اذكر سبباً لأي بند بلا سبب:</translation>
    </message>
    <message>
        <source>Still open in this case: resolve each item, or say why the case can close with it open.</source>
        <translation>ما زال مفتوحاً في هذه الحالة: أنجز كل بند، أو اذكر لماذا يمكن إغلاق الحالة وهو مفتوح.</translation>
    </message>
    <message>
        <source>Why the case closes with this item open</source>
        <translation>لماذا تُغلق الحالة وهذا البند مفتوح</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>إنجاز…</translation>
    </message>
</context>
<context>
    <name>ClosureDialog</name>
    <message>
        <source>Close the case</source>
        <translation>إغلاق الحالة</translation>
    </message>
    <message>
        <source>Request closure</source>
        <translation>طلب إغلاق الحالة</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>إرسال الطلب</translation>
    </message>
    <message>
        <source>The case will be closed now.</source>
        <translation>ستُغلق الحالة الآن.</translation>
    </message>
    <message>
        <source>Your supervisor will approve the closure or send the case back.</source>
        <translation>سيعتمد المشرف الإغلاق أو يعيد الحالة إليك.</translation>
    </message>
    <message>
        <source>— choose the reason —</source>
        <translation>— اختر السبب —</translation>
    </message>
    <message>
        <source>Required when the reason is “Other reason”.</source>
        <translation>مطلوبة إذا كان السبب «سبب آخر».</translation>
    </message>
    <message>
        <source>Reason for closing *</source>
        <translation>سبب الإغلاق *</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>CourtReportDialog</name>
    <message>
        <source>Social report for the court</source>
        <translation>التقرير الاجتماعي للمحكمة</translation>
    </message>
    <message>
        <source>Court *</source>
        <translation>المحكمة *</translation>
    </message>
    <message>
        <source>Court file number *</source>
        <translation>رقم ملف القضية *</translation>
    </message>
    <message>
        <source>Hearing date</source>
        <translation>تاريخ الجلسة</translation>
    </message>
    <message>
        <source>Family background *</source>
        <translation>الخلفية الأسرية *</translation>
    </message>
    <message>
        <source>Social situation *</source>
        <translation>الوضع الاجتماعي *</translation>
    </message>
    <message>
        <source>Recommendations *</source>
        <translation>التوصيات *</translation>
    </message>
    <message>
        <source>The report is confidential: only those who may edit the case see it.</source>
        <translation>التقرير سري: لا يطّلع عليه إلا من يحق له تعديل الحالة.</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>مثال: 15/03/1979</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاريخ</translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation>افتح التقويم</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>تقديري</translation>
    </message>
    <message>
        <source>No papers: type the year of birth (1979) or the age in years (35).</source>
        <translation>بلا أوراق: اكتب سنة الميلاد (1979) أو العمر بالسنوات (35).</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>Discard the changes you made?</source>
        <translation>هل تريد التخلي عن التغييرات التي أجريتها؟</translation>
    </message>
    <message>
        <source>Discard the changes</source>
        <translation>التخلي عن التغييرات</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>متابعة التعديل</translation>
    </message>
    <message>
        <source>Some open records have unsaved changes. Quit anyway?</source>
        <translation>في بعض السجلات المفتوحة تغييرات غير محفوظة. هل تريد الخروج رغم ذلك؟</translation>
    </message>
    <message>
        <source>Quit without saving</source>
        <translation>الخروج دون حفظ</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Remove from household</source>
        <translation>إزالة من الأسرة</translation>
    </message>
    <message>
        <source>Remove %1 from this household?</source>
        <translation>هل تريد إزالة %1 من هذه الأسرة؟</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>Attach a document</source>
        <translation>إرفاق مستند</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>لم يُختر ملف</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>اختيار ملف…</translation>
    </message>
    <message>
        <source>For example: court decision, medical report</source>
        <translation>مثال: حكم المحكمة، تقرير طبي</translation>
    </message>
    <message>
        <source>Confidential: hidden from anyone reading the case with a reason</source>
        <translation>سري: لا يظهر لمن يطّلع على الحالة بذكر سبب</translation>
    </message>
    <message>
        <source>File *</source>
        <translation>الملف *</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>العنوان *</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>السرية</translation>
    </message>
    <message>
        <source>PDF, JPEG, PNG or TIFF scans, at most 20 MB.</source>
        <translation>ملفات ممسوحة ضوئياً بصيغة PDF أو JPEG أو PNG أو TIFF، بحجم لا يتجاوز 20 ميغابايت.</translation>
    </message>
    <message>
        <source>Choose a scanned document</source>
        <translation>اختيار مستند ممسوح ضوئياً</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>مستندات ممسوحة (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>DuplicateTableModel</name>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Mother&apos;s name</source>
        <translation>اسم الأم</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>نسبة التشابه</translation>
    </message>
    <message>
        <source>Person number</source>
        <translation>رقم السجل</translation>
    </message>
    <message>
        <source>Same national number</source>
        <translation>الرقم الوطني نفسه</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <translation>احتمال تكرار التسجيل</translation>
    </message>
    <message>
        <source>These people are already registered and look like the person you are saving. If one of them is the same person, open their record instead of registering them again.</source>
        <translation>هؤلاء الأشخاص مسجَّلون مسبقًا ويشبهون الشخص الذي تحاول حفظه. إذا كان أحدهم هو الشخص نفسه فافتح سجله بدلًا من تسجيله مرة أخرى.</translation>
    </message>
    <message>
        <source>Open the selected record</source>
        <translation>فتح السجل المحدد</translation>
    </message>
    <message>
        <source>A different person: save</source>
        <translation>شخص مختلف: احفظ</translation>
    </message>
    <message>
        <source>Confirm that the person you are registering is none of these people. The decision is recorded.</source>
        <translation>أكّد أن الشخص الذي تسجّله ليس أيًّا من هؤلاء. يُسجَّل هذا القرار.</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>العودة إلى النموذج</translation>
    </message>
    <message>
        <source>Add the registered person instead</source>
        <translation>إضافة الشخص المسجَّل بدلًا منه</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Branch figures</source>
        <translation>إحصاءات الفرع</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>تصدير Excel…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>نوع الحالة</translation>
    </message>
    <message>
        <source>Opened and closed per month</source>
        <translation>الحالات المفتوحة والمغلقة شهرياً</translation>
    </message>
    <message>
        <source>Per case type (open and overdue: today)</source>
        <translation>حسب نوع الحالة (المفتوحة والمتأخرة: اليوم)</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>الحالات</translation>
    </message>
    <message>
        <source>People (today)</source>
        <translation>الأشخاص (اليوم)</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>أُغلقت</translation>
    </message>
    <message>
        <source>Average time to close: %1 days</source>
        <translation>متوسط مدة الإغلاق: %1 يوماً</translation>
    </message>
    <message>
        <source>Overdue today: %1 of %2 open cases (%3)</source>
        <translation>المتأخرة اليوم: %1 من %2 حالة مفتوحة (%3)</translation>
    </message>
    <message>
        <source>Case figures</source>
        <translation>إحصاءات الحالات</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>الفرع</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <source>Open and overdue as of</source>
        <translation>المفتوحة والمتأخرة في تاريخ</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>حسب الشهر</translation>
    </message>
    <message>
        <source>Per case type</source>
        <translation>حسب نوع الحالة</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>الشهر</translation>
    </message>
    <message>
        <source>Average days to close</source>
        <translation>متوسط أيام الإغلاق</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>متأخرة</translation>
    </message>
    <message>
        <source>Overdue rate (%)</source>
        <translation>نسبة التأخر (%)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>ملفات Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>تصدير الإحصاءات</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>حُفظ في %1</translation>
    </message>
    <message>
        <source>The file could not be written:
%1</source>
        <translation>تعذّرت كتابة الملف:
%1</translation>
    </message>
</context>
<context>
    <name>FilterBox</name>
    <message>
        <source>Filter: part of a case number, a name, a case type or a stage (Esc clears)</source>
        <translation>تصفية: جزء من رقم الحالة أو الاسم أو نوع الحالة أو المرحلة (Esc للمسح)</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the first branch admin</source>
        <translation>إنشاء أول مدير للفرع</translation>
    </message>
    <message>
        <source>This branch has no user accounts yet. Create the account of the branch administrator; other accounts are added later by this administrator.</source>
        <translation>لا توجد حسابات مستخدمين في هذا الفرع بعد. أنشئ حساب مدير الفرع، ثم يضيف المدير الحسابات الأخرى لاحقًا.</translation>
    </message>
    <message>
        <source>Create and log in</source>
        <translation>إنشاء وتسجيل الدخول</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>تأكيد كلمة المرور</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>كلمتا المرور غير متطابقتين.</translation>
    </message>
</context>
<context>
    <name>FirstPasswordDialog</name>
    <message>
        <source>Choose your password</source>
        <translation>اختر كلمة المرور</translation>
    </message>
    <message>
        <source>Welcome. This account was created by headquarters. Before you start, choose your own password: nobody else, not even headquarters, will know it.</source>
        <translation>مرحبًا بك. أنشأت الإدارة العامة هذا الحساب. قبل أن تبدأ العمل اختر كلمة مرورك الخاصة: لن يعرفها أحد غيرك، ولا الإدارة العامة نفسها.</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>لا تقل عن %1 أحرف.</translation>
    </message>
    <message>
        <source>Save the password and log in</source>
        <translation>حفظ كلمة المرور والدخول</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>كلمة المرور الجديدة</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>كلمة المرور الجديدة مرة أخرى</translation>
    </message>
</context>
<context>
    <name>FlagList</name>
    <message>
        <source>Possibly registered at another branch too</source>
        <translation>قد يكون مسجلاً في فرع آخر أيضاً</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Other branch</source>
        <translation>الفرع الآخر</translation>
    </message>
    <message>
        <source>Their record</source>
        <translation>رقم سجلهم</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>ما تطابق</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>تاريخ الورود</translation>
    </message>
    <message>
        <source>Possibly registered at another branch too (%1)</source>
        <translation>قد يكون مسجلاً في فرع آخر أيضاً (%1)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>the four-part name</source>
        <translation>الاسم الرباعي</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>A household</source>
        <translation>أسرة</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>تسجيل</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>العملية</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>القيمة السابقة</translation>
    </message>
    <message>
        <source>After</source>
        <translation>القيمة الجديدة</translation>
    </message>
</context>
<context>
    <name>HouseholdDetails</name>
    <message>
        <source>Household details</source>
        <translation>بيانات الأسرة</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— بدون —</translation>
    </message>
    <message>
        <source>— not stated —</source>
        <translation>— غير محدد —</translation>
    </message>
    <message>
        <source>dinars</source>
        <translation>بالدينار</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>السكن</translation>
    </message>
    <message>
        <source>Household monthly income (LYD)</source>
        <translation>دخل الأسرة الشهري (د.ل)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Remove from household</source>
        <translation>إزالة من الأسرة</translation>
    </message>
    <message>
        <source>Open the person</source>
        <translation>فتح سجل الشخص</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>أفراد الأسرة</translation>
    </message>
    <message>
        <source>Add a registered person…</source>
        <translation>إضافة شخص مسجَّل…</translation>
    </message>
    <message>
        <source>Add a new person</source>
        <translation>إضافة شخص جديد</translation>
    </message>
    <message>
        <source>Add a row for a person not registered yet</source>
        <translation>أضف سطرًا لشخص غير مسجَّل بعد</translation>
    </message>
    <message>
        <source>New people (registered when you save)</source>
        <translation>أشخاص جدد (يُسجَّلون عند الحفظ)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>حفظ (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Print household form</source>
        <translation>طباعة استمارة الأسرة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>New household: %1</source>
        <translation>أسرة جديدة: %1</translation>
    </message>
    <message>
        <source>Add the family&apos;s people, then save them all at once.</source>
        <translation>أضف أفراد الأسرة، ثم احفظهم جميعًا مرة واحدة.</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>أسرة جديدة</translation>
    </message>
    <message>
        <source>— the person marked as head below —</source>
        <translation>— الشخص المحدَّد أدناه ربًّا للأسرة —</translation>
    </message>
    <message>
        <source>Type the head of household in the first row, then the others.</source>
        <translation>اكتب رب الأسرة في السطر الأول، ثم بقية أفرادها.</translation>
    </message>
    <message>
        <source>Household of %1</source>
        <translation>أسرة %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>لم يُحفظ شيء: صحّح الحقول المعلَّمة باللون الأحمر.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>%1 will join the household when you save.</source>
        <translation>سينضم «%1» إلى الأسرة عند الحفظ.</translation>
    </message>
    <message>
        <source>%1 is already registered with this national number.</source>
        <translation>«%1» مسجَّل مسبقًا بهذا الرقم الوطني.</translation>
    </message>
    <message>
        <source>This person may already be registered.</source>
        <translation>قد يكون هذا الشخص مسجَّلًا مسبقًا.</translation>
    </message>
</context>
<context>
    <name>HouseholdMemberTableModel</name>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Person number</source>
        <translation>رقم السجل</translation>
    </message>
</context>
<context>
    <name>HouseholdPanel</name>
    <message>
        <source>Open the household</source>
        <translation>فتح الأسرة</translation>
    </message>
    <message>
        <source>Create a household with this person as head</source>
        <translation>إنشاء أسرة يكون هذا الشخص ربَّها</translation>
    </message>
    <message>
        <source>Save the person first; then a household can be created.</source>
        <translation>احفظ بيانات الشخص أولًا، ثم يمكن إنشاء أسرة له.</translation>
    </message>
    <message>
        <source>This person is not in a household yet.</source>
        <translation>هذا الشخص غير مسجَّل في أسرة بعد.</translation>
    </message>
    <message>
        <source>Relationship to the head: %1 — head of household: %2</source>
        <translation>صلة القرابة برب الأسرة: %1 — رب الأسرة: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s):</source>
        <translation>
            <numerusform>لا أفراد:</numerusform>
            <numerusform>فرد واحد:</numerusform>
            <numerusform>فردان:</numerusform>
            <numerusform>%n أفراد:</numerusform>
            <numerusform>%n فردًا:</numerusform>
            <numerusform>%n فرد:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import beneficiaries</source>
        <translation>استيراد مستفيدين</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel (XLSX) file with one person per row; the columns are described in the import guide. Every row is checked first; nothing is imported until you confirm.</source>
        <translation>اختر ملف CSV أو Excel (XLSX) فيه شخص واحد في كل صف؛ الأعمدة موضَّحة في دليل الاستيراد. يُفحص كل صف أولًا، ولا يُستورد شيء حتى تؤكد.</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>اختيار ملف…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>اختر الملف المراد استيراده</translation>
    </message>
    <message>
        <source>CSV or Excel files (*.csv *.xlsx)</source>
        <translation>ملفات CSV أو Excel (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>جارٍ فحص كل الصفوف…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>The check was stopped; nothing was imported.</source>
        <translation>أُوقف الفحص؛ لم يُستورد شيء.</translation>
    </message>
    <message numerus="yes">
        <source>Import %n valid row(s)</source>
        <translation>
            <numerusform>استيراد الصفوف الصالحة</numerusform>
            <numerusform>استيراد صف صالح واحد</numerusform>
            <numerusform>استيراد صفين صالحين</numerusform>
            <numerusform>استيراد %n صفوف صالحة</numerusform>
            <numerusform>استيراد %n صفًا صالحًا</numerusform>
            <numerusform>استيراد %n صف صالح</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was stopped; nothing was imported.</source>
        <translation>أُوقف الاستيراد؛ لم يُستورد شيء.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported.</source>
        <translation>
            <numerusform>لم يُستورد أي صف.</numerusform>
            <numerusform>استُورد صف واحد.</numerusform>
            <numerusform>استُورد صفان.</numerusform>
            <numerusform>استُوردت %n صفوف.</numerusform>
            <numerusform>استُورد %n صفًا.</numerusform>
            <numerusform>استُورد %n صف.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>لم يُستورد شيء.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in the file:</source>
        <translation>
            <numerusform>لا صفوف في الملف:</numerusform>
            <numerusform>صف واحد في الملف:</numerusform>
            <numerusform>صفان في الملف:</numerusform>
            <numerusform>%n صفوف في الملف:</numerusform>
            <numerusform>%n صفًا في الملف:</numerusform>
            <numerusform>%n صف في الملف:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n valid and new,</source>
        <translation>
            <numerusform>لا صفوف صالحة وجديدة،</numerusform>
            <numerusform>صف واحد صالح وجديد،</numerusform>
            <numerusform>صفان صالحان وجديدان،</numerusform>
            <numerusform>%n صفوف صالحة وجديدة،</numerusform>
            <numerusform>%n صفًا صالحًا وجديدًا،</numerusform>
            <numerusform>%n صف صالح وجديد،</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors,</source>
        <translation>
            <numerusform>لا صفوف فيها أخطاء،</numerusform>
            <numerusform>صف واحد فيه أخطاء،</numerusform>
            <numerusform>صفان فيهما أخطاء،</numerusform>
            <numerusform>%n صفوف فيها أخطاء،</numerusform>
            <numerusform>%n صفًا فيها أخطاء،</numerusform>
            <numerusform>%n صف فيها أخطاء،</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already registered.</source>
        <translation>
            <numerusform>لا أحد مسجَّل مسبقًا.</numerusform>
            <numerusform>صف واحد مسجَّل مسبقًا.</numerusform>
            <numerusform>صفان مسجَّلان مسبقًا.</numerusform>
            <numerusform>%n صفوف مسجَّلة مسبقًا.</numerusform>
            <numerusform>%n صفًا مسجَّلًا مسبقًا.</numerusform>
            <numerusform>%n صف مسجَّل مسبقًا.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportModel</name>
    <message>
        <source>column %1</source>
        <translation>العمود %1</translation>
    </message>
    <message>
        <source>Same national number as row %1</source>
        <translation>الرقم الوطني نفسه في الصف %1</translation>
    </message>
    <message>
        <source>Same person as row %1</source>
        <translation>الشخص نفسه في الصف %1</translation>
    </message>
    <message>
        <source>Already registered (same national number)</source>
        <translation>مسجَّل مسبقًا (الرقم الوطني نفسه)</translation>
    </message>
    <message>
        <source>Already registered (same name, mother&apos;s name, date of birth and sex)</source>
        <translation>مسجَّل مسبقًا (الاسم واسم الأم وتاريخ الميلاد والجنس نفسها)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>الصف</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>العمود</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>أعزب/عزباء</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>متزوج/متزوجة</translation>
    </message>
    <message>
        <source>Divorced</source>
        <translation>مطلق/مطلقة</translation>
    </message>
    <message>
        <source>Widowed</source>
        <translation>أرمل/أرملة</translation>
    </message>
    <message>
        <source>No disability</source>
        <translation>لا توجد إعاقة</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>حركية</translation>
    </message>
    <message>
        <source>Visual</source>
        <translation>بصرية</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>سمعية</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>نطقية</translation>
    </message>
    <message>
        <source>Intellectual</source>
        <translation>ذهنية</translation>
    </message>
    <message>
        <source>Psychosocial</source>
        <translation>نفسية</translation>
    </message>
    <message>
        <source>Multiple</source>
        <translation>متعددة</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>بسيطة</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>متوسطة</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>شديدة</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>كلية</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>مقيم</translation>
    </message>
    <message>
        <source>Internally displaced</source>
        <translation>نازح داخليًا</translation>
    </message>
    <message>
        <source>Returnee</source>
        <translation>عائد</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>الزوج/الزوجة</translation>
    </message>
    <message>
        <source>Son</source>
        <translation>ابن</translation>
    </message>
    <message>
        <source>Daughter</source>
        <translation>ابنة</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>أب</translation>
    </message>
    <message>
        <source>Mother</source>
        <translation>أم</translation>
    </message>
    <message>
        <source>Brother</source>
        <translation>أخ</translation>
    </message>
    <message>
        <source>Sister</source>
        <translation>أخت</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>حفيد/حفيدة</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>قريب آخر</translation>
    </message>
    <message>
        <source>Not a relative</source>
        <translation>ليس قريبًا</translation>
    </message>
    <message>
        <source>Owned</source>
        <translation>ملك</translation>
    </message>
    <message>
        <source>Rented</source>
        <translation>إيجار</translation>
    </message>
    <message>
        <source>Hosted by others</source>
        <translation>مستضاف لدى آخرين</translation>
    </message>
    <message>
        <source>Collective shelter</source>
        <translation>مركز إيواء جماعي</translation>
    </message>
    <message>
        <source>Informal housing</source>
        <translation>سكن عشوائي</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>Administrative number</source>
        <translation>الرقم الإداري</translation>
    </message>
    <message>
        <source>Passport number</source>
        <translation>رقم جواز السفر</translation>
    </message>
    <message>
        <source>Family booklet number</source>
        <translation>رقم كتيب العائلة</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>أخصائي اجتماعي</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Branch admin</source>
        <translation>مدير الفرع</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>مدقق</translation>
    </message>
    <message>
        <source>Libyan</source>
        <translation>ليبي</translation>
    </message>
    <message>
        <source>Egyptian</source>
        <translation>مصري</translation>
    </message>
    <message>
        <source>Tunisian</source>
        <translation>تونسي</translation>
    </message>
    <message>
        <source>Algerian</source>
        <translation>جزائري</translation>
    </message>
    <message>
        <source>Moroccan</source>
        <translation>مغربي</translation>
    </message>
    <message>
        <source>Sudanese</source>
        <translation>سوداني</translation>
    </message>
    <message>
        <source>Chadian</source>
        <translation>تشادي</translation>
    </message>
    <message>
        <source>Nigerien</source>
        <translation>من النيجر</translation>
    </message>
    <message>
        <source>Nigerian</source>
        <translation>نيجيري</translation>
    </message>
    <message>
        <source>Malian</source>
        <translation>مالي</translation>
    </message>
    <message>
        <source>Eritrean</source>
        <translation>إريتري</translation>
    </message>
    <message>
        <source>Ethiopian</source>
        <translation>إثيوبي</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>صومالي</translation>
    </message>
    <message>
        <source>Syrian</source>
        <translation>سوري</translation>
    </message>
    <message>
        <source>Palestinian</source>
        <translation>فلسطيني</translation>
    </message>
    <message>
        <source>Iraqi</source>
        <translation>عراقي</translation>
    </message>
    <message>
        <source>Yemeni</source>
        <translation>يمني</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>الاسم الأول</translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <source>Grandfather&apos;s name</source>
        <translation>اسم الجد</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>اللقب</translation>
    </message>
    <message>
        <source>Mother&apos;s full name</source>
        <translation>اسم الأم الكامل</translation>
    </message>
    <message>
        <source>Name in Latin letters</source>
        <translation>الاسم باللاتينية</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Date of birth is an estimate</source>
        <translation>تاريخ الميلاد تقديري</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>الهواتف</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>الحالة الاجتماعية</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>الإعاقة</translation>
    </message>
    <message>
        <source>Disability degree</source>
        <translation>درجة الإعاقة</translation>
    </message>
    <message>
        <source>Displacement</source>
        <translation>النزوح</translation>
    </message>
    <message>
        <source>Monthly income (LYD)</source>
        <translation>الدخل الشهري (د.ل)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>السكن</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>رقم السجل</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>وثيقة هوية</translation>
    </message>
    <message>
        <source>%1 (estimated)</source>
        <translation>%1 (تقديري)</translation>
    </message>
</context>
<context>
    <name>ListArea</name>
    <message>
        <source>No visit planned.</source>
        <translation>لا زيارات مخطط لها.</translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation>عدد الزيارات: %1</translation>
    </message>
    <message>
        <source>Nothing in this list.</source>
        <translation>لا شيء في هذه القائمة.</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>عدد الحالات: %1</translation>
    </message>
    <message>
        <source>First %1 cases; scroll down for more.</source>
        <translation>أول %1 حالة؛ مرّر للأسفل لعرض المزيد.</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Sanad is locked</source>
        <translation>سند مقفل</translation>
    </message>
    <message numerus="yes">
        <source>The screen was locked after %n minute(s) without use.</source>
        <translation>
            <numerusform>أُقفلت الشاشة بعد %n دقيقة دون استخدام.</numerusform>
            <numerusform>أُقفلت الشاشة بعد دقيقة واحدة دون استخدام.</numerusform>
            <numerusform>أُقفلت الشاشة بعد دقيقتين دون استخدام.</numerusform>
            <numerusform>أُقفلت الشاشة بعد %n دقائق دون استخدام.</numerusform>
            <numerusform>أُقفلت الشاشة بعد %n دقيقة دون استخدام.</numerusform>
            <numerusform>أُقفلت الشاشة بعد %n دقيقة دون استخدام.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the password of %1 to continue.</source>
        <translation>أدخل كلمة مرور «%1» للمتابعة.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>كلمة المرور غير صحيحة.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sanad — log in</source>
        <translation>سند — تسجيل الدخول</translation>
    </message>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>Social registry — %1</source>
        <translation>السجل الاجتماعي — فرع %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>دخول</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Demo branch: log in as</source>
        <translation>فرع تجريبي: ادخل باسم المستخدم وكلمة المرور</translation>
    </message>
    <message>
        <source>(supervisor and admin also exist; see the README)</source>
        <translation>(ويوجد أيضًا supervisor و admin؛ انظر ملف README)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sanad — social registry</source>
        <translation>سند — السجل الاجتماعي</translation>
    </message>
    <message>
        <source>My cases</source>
        <translation>حالاتي</translation>
    </message>
    <message>
        <source>Search</source>
        <comment>tab</comment>
        <translation>البحث</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>الإشراف</translation>
    </message>
    <message>
        <source>Branch figures</source>
        <translation>إحصاءات الفرع</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>New beneficiary</source>
        <translation>مستفيد جديد</translation>
    </message>
    <message>
        <source>New household (a whole family)</source>
        <translation>أسرة جديدة (تسجيل الأسرة كاملة)</translation>
    </message>
    <message>
        <source>Import beneficiaries…</source>
        <translation>استيراد مستفيدين…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>الإعدادات…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>قفل الشاشة</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>أ&amp;دوات</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>سجل التدقيق…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>About Sanad</source>
        <translation>حول سند</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>المستخدم: %1 (%2)</translation>
    </message>
    <message>
        <source>Branch: %1</source>
        <translation>الفرع: %1</translation>
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation>بيانات تجريبية</translation>
    </message>
    <message>
        <source>This is a demo branch: the people in it are made up.</source>
        <translation>هذا فرع تجريبي: الأشخاص المسجَّلون فيه وهميون.</translation>
    </message>
    <message>
        <source>Sanad %1
The social registry of the branch offices of the Ministry of Social Affairs, Libya. Works offline.</source>
        <translation>سند %1
السجل الاجتماعي لمكاتب فروع وزارة الشؤون الاجتماعية، ليبيا. يعمل دون اتصال بالشبكة.</translation>
    </message>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
</context>
<context>
    <name>MatchListDialog</name>
    <message>
        <source>Match a list</source>
        <translation>مطابقة قائمة</translation>
    </message>
    <message>
        <source>Choose a list of people sent by another body: a text file with one name a line, or a CSV or Excel file whose first row names its columns (name parts, mother&apos;s name, birth date, national number). Each line gets its best matches in the registry, with a score out of 100 and why, saved as an Excel workbook.</source>
        <translation>اختر قائمة أشخاص وردت من جهة أخرى: ملفًا نصيًا فيه اسم في كل سطر، أو ملف CSV أو Excel يسمّي صفُّه الأول أعمدته (أجزاء الاسم، اسم الأم، تاريخ الميلاد، الرقم الوطني). يُعطى كل سطر أقرب من يطابقه في السجل، مع درجة من 100 وسببها، ويُحفظ ذلك في مصنف Excel.</translation>
    </message>
    <message>
        <source>Choose a list…</source>
        <translation>اختيار قائمة…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>mother&apos;s name</source>
        <translation>اسم الأم</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>national number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>person number</source>
        <translation>رقم السجل</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>مطابق</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>مختلف</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>المطابقات</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>نص البحث</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>الترتيب</translation>
    </message>
    <message>
        <source>Person number</source>
        <translation>رقم السجل</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>لا يوجد تطابق</translation>
    </message>
    <message>
        <source>Choose the list to match</source>
        <translation>اختر القائمة المراد مطابقتها</translation>
    </message>
    <message>
        <source>Lists (*.csv *.txt *.xlsx)</source>
        <translation>القوائم (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Save the matches as</source>
        <translation>حفظ المطابقات باسم</translation>
    </message>
    <message>
        <source>%1-matches.xlsx</source>
        <translation>%1-مطابقات.xlsx</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>ملفات Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Matching the list…</source>
        <translation>جارٍ مطابقة القائمة…</translation>
    </message>
    <message>
        <source>The matching was stopped; no file was written.</source>
        <translation>أُوقفت المطابقة؛ لم يُكتب أي ملف.</translation>
    </message>
    <message>
        <source>Names looked for: %1 — with at least one match: %2 — scoring 100: %3 — lines left out: %4.</source>
        <translation>الأسماء المبحوث عنها: %1 — لها تطابق واحد على الأقل: %2 — بدرجة 100: %3 — أسطر تُركت: %4.</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>حُفظت في %1</translation>
    </message>
    <message>
        <source>No file was written.</source>
        <translation>لم يُكتب أي ملف.</translation>
    </message>
    <message>
        <source>Match a list…</source>
        <translation>مطابقة قائمة…</translation>
    </message>
</context>
<context>
    <name>MemberPickerDialog</name>
    <message>
        <source>Add a household member</source>
        <translation>إضافة فرد إلى الأسرة</translation>
    </message>
    <message>
        <source>Search by name, national number or phone…</source>
        <translation>ابحث بالاسم أو الرقم الوطني أو الهاتف…</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— اختر —</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>Choose a person from the list.</source>
        <translation>اختر شخصًا من القائمة.</translation>
    </message>
    <message>
        <source>This person is already a member of this household.</source>
        <translation>هذا الشخص فرد في هذه الأسرة بالفعل.</translation>
    </message>
    <message>
        <source>Choose the relationship to the head of household.</source>
        <translation>اختر صلة القرابة برب الأسرة.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This field is required.</source>
        <translation>هذا الحقل مطلوب.</translation>
    </message>
    <message>
        <source>Write the name in Arabic letters only.</source>
        <translation>اكتب الاسم بالحروف العربية فقط.</translation>
    </message>
    <message>
        <source>The name is too long (at most {max} letters).</source>
        <translation>الاسم طويل جدًا (الحد الأقصى {max} حرفًا).</translation>
    </message>
    <message>
        <source>A Latin name may hold only Latin letters, spaces, hyphens (-), apostrophes (&apos;) and dots (.), as on a passport.</source>
        <translation>لا يحوي الاسم باللاتينية إلا حروفًا لاتينية ومسافات وشَرطة (-) وفاصلة عليا (&apos;) ونقطة (.)، كما يُكتب في جواز السفر.</translation>
    </message>
    <message>
        <source>The national number is 12 digits and starts with 1 or 2.</source>
        <translation>الرقم الوطني 12 رقمًا ويبدأ بالرقم 1 أو 2.</translation>
    </message>
    <message>
        <source>The first digit of the national number does not match the sex (1 for male, 2 for female).</source>
        <translation>الرقم الأول من الرقم الوطني لا يطابق الجنس (1 للذكر، 2 للأنثى).</translation>
    </message>
    <message>
        <source>Digits 2 to 5 of the national number ({year}) do not match the year of birth.</source>
        <translation>الأرقام من الثاني إلى الخامس في الرقم الوطني ({year}) لا تطابق سنة الميلاد.</translation>
    </message>
    <message>
        <source>Use 3 to 30 Latin letters, digits, &apos;/&apos; or &apos;-&apos;.</source>
        <translation>استخدم من 3 إلى 30 حرفًا لاتينيًا أو رقمًا أو «/» أو «-».</translation>
    </message>
    <message>
        <source>Not a Libyan phone number (for example 0912345678 or +218912345678).</source>
        <translation>ليس رقم هاتف ليبيًا (مثال: 0912345678 أو 00218912345678).</translation>
    </message>
    <message>
        <source>Not a valid date (dd/mm/yyyy).</source>
        <translation>التاريخ غير صحيح (يوم/شهر/سنة).</translation>
    </message>
    <message>
        <source>The date of birth cannot be in the future.</source>
        <translation>لا يمكن أن يكون تاريخ الميلاد في المستقبل.</translation>
    </message>
    <message>
        <source>The date of birth is more than {max} years ago.</source>
        <translation>تاريخ الميلاد أقدم من {max} سنة.</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>اختر إحدى القيم الواردة في القائمة.</translation>
    </message>
    <message>
        <source>Enter an amount in dinars (up to 3 decimals).</source>
        <translation>أدخل مبلغًا بالدينار (حتى 3 خانات عشرية).</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>لا يمكن أن يكون المبلغ سالبًا.</translation>
    </message>
    <message>
        <source>Too long (at most {max}).</source>
        <translation>النص طويل جدًا (الحد الأقصى {max}).</translation>
    </message>
    <message>
        <source>This text holds a hidden control character (or a line break where only one line is allowed) that cannot be saved. Type it again instead of pasting it.</source>
        <translation>يحتوي النص على محرف تحكم خفي (أو على سطر جديد في حقل من سطر واحد) لا يمكن حفظه. اكتبه من جديد بدلاً من لصقه.</translation>
    </message>
    <message>
        <source>The number is too large (at most {max}).</source>
        <translation>الرقم كبير جدًا (الحد الأقصى {max}).</translation>
    </message>
    <message>
        <source>A person with this national number is already registered.</source>
        <translation>يوجد شخص مسجَّل بهذا الرقم الوطني.</translation>
    </message>
    <message>
        <source>This person may already be registered.</source>
        <translation>قد يكون هذا الشخص مسجَّلًا مسبقًا.</translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation>لم يُعثر على السجل.</translation>
    </message>
    <message>
        <source>Someone else changed this record after you opened it. Close it and open it again.</source>
        <translation>عدّل مستخدم آخر هذا السجل بعد أن فتحته. أغلقه ثم افتحه من جديد.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>The account is locked after too many failed attempts.</source>
        <translation>الحساب مقفل بسبب كثرة المحاولات الفاشلة.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask the branch admin.</source>
        <translation>هذا الحساب معطَّل. راجع مدير الفرع.</translation>
    </message>
    <message>
        <source>Headquarters has disabled this account. Ask the ministry&apos;s registry office.</source>
        <translation>أوقفت الإدارة العامة هذا الحساب. راجع مكتب السجل في الوزارة.</translation>
    </message>
    <message>
        <source>Choose your own password to finish setting up this account.</source>
        <translation>اختر كلمة مرورك الخاصة لإكمال إعداد هذا الحساب.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>كلمتا المرور غير متطابقتين.</translation>
    </message>
    <message>
        <source>This user name is already taken.</source>
        <translation>اسم المستخدم هذا مستخدَم من قبل.</translation>
    </message>
    <message>
        <source>Use 3 to 40 lower-case Latin letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>استخدم من 3 إلى 40 حرفًا لاتينيًا صغيرًا أو رقمًا أو «.» أو «_» أو «-»، على أن يبدأ بحرف.</translation>
    </message>
    <message>
        <source>The password must be at least {min} characters.</source>
        <translation>يجب ألا تقل كلمة المرور عن {min} أحرف.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>ليست لديك صلاحية للقيام بهذا.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>تعذّرت قراءة الملف.</translation>
    </message>
    <message>
        <source>The file is not a CSV or Excel (XLSX) file.</source>
        <translation>الملف ليس من نوع CSV أو Excel (XLSX).</translation>
    </message>
    <message>
        <source>Unknown column.</source>
        <translation>عمود غير معروف.</translation>
    </message>
    <message>
        <source>A required column is missing.</source>
        <translation>عمود مطلوب غير موجود في الملف.</translation>
    </message>
    <message>
        <source>This person already belongs to another household.</source>
        <translation>هذا الشخص ينتمي إلى أسرة أخرى.</translation>
    </message>
    <message>
        <source>A household has exactly one head: mark one person as the head.</source>
        <translation>للأسرة ربٌّ واحد فقط: حدِّد شخصًا واحدًا ربًّا للأسرة.</translation>
    </message>
    <message>
        <source>The same national number is already on row {row}.</source>
        <translation>الرقم الوطني نفسه مكتوب في السطر {row}.</translation>
    </message>
    <message>
        <source>This person heads household {number}: choose a new head there first.</source>
        <translation>هذا الشخص ربُّ الأسرة رقم {number}: اختر لها ربًّا جديدًا أولًا.</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>لا يمكن أن يكون التاريخ في المستقبل.</translation>
    </message>
    <message>
        <source>This case cannot move from this stage to that one.</source>
        <translation>لا يمكن نقل الحالة من هذه المرحلة إلى تلك المرحلة.</translation>
    </message>
    <message>
        <source>Record an assessment before the case plan.</source>
        <translation>سجّل تقييماً للحالة قبل إعداد خطة الحالة.</translation>
    </message>
    <message>
        <source>Add at least one plan item before follow-up.</source>
        <translation>أضف بنداً واحداً على الأقل إلى خطة الحالة قبل المتابعة.</translation>
    </message>
    <message>
        <source>Case {number} is closed: reopen it first.</source>
        <translation>الحالة {number} مغلقة: أعد فتحها أولاً.</translation>
    </message>
    <message>
        <source>An item is still open with no reason ({item}): resolve it or say why the case closes anyway.</source>
        <translation>ما زال بند مفتوحاً دون سبب ({item}): أنجزه أو اذكر سبب إغلاق الحالة رغم ذلك.</translation>
    </message>
    <message>
        <source>A case number is the branch code, the year and a serial number, joined by dashes.</source>
        <translation>رقم الحالة هو رمز الفرع ثم السنة ثم الرقم التسلسلي، بينها شرطات.</translation>
    </message>
    <message>
        <source>Only a supervisor can do this.</source>
        <translation>هذا الإجراء للمشرف فقط.</translation>
    </message>
    <message>
        <source>Case {number} is not assigned to you: give a reason to open it.</source>
        <translation>الحالة {number} غير مسندة إليك: اذكر سبباً لفتحها.</translation>
    </message>
    <message>
        <source>This field does not belong to the case type.</source>
        <translation>هذا الحقل لا يخص نوع الحالة.</translation>
    </message>
    <message>
        <source>The document is larger than {max} MB.</source>
        <translation>حجم المستند أكبر من {max} ميغابايت.</translation>
    </message>
    <message>
        <source>Only PDF, JPEG, PNG or TIFF scans can be attached.</source>
        <translation>يمكن إرفاق ملفات PDF أو JPEG أو PNG أو TIFF الممسوحة ضوئياً فقط.</translation>
    </message>
    <message>
        <source>Case {number} now belongs to branch {branch}: this copy is read-only.</source>
        <translation>الحالة {number} أصبحت تابعة لفرع {branch}: هذه النسخة للاطلاع فقط.</translation>
    </message>
    <message>
        <source>This record belongs to branch {branch}: it is read-only here, and changed there.</source>
        <translation>هذا السجل تابع لفرع {branch}: هو هنا للاطلاع فقط، ويُعدَّل هناك.</translation>
    </message>
    <message>
        <source>The line is too long (at most {max} characters): it was skipped.</source>
        <translation>السطر طويل جدًا (الحد الأقصى {max} حرفًا): تُرك دون مطابقة.</translation>
    </message>
    <message>
        <source>The line has too many columns (at most {max}): it was skipped.</source>
        <translation>في السطر أعمدة كثيرة جدًا (الحد الأقصى {max}): تُرك دون مطابقة.</translation>
    </message>
    <message>
        <source>Case {number} is waiting for its transfer to branch {branch}: it cannot be changed here.</source>
        <translation>الحالة {number} بانتظار نقلها إلى الفرع {branch}: لا يمكن تعديلها هنا.</translation>
    </message>
    <message>
        <source>The request was refused ({code}).</source>
        <translation>رُفض الطلب ({code}).</translation>
    </message>
    <message>
        <source>Something went wrong and the action was not completed. The details were written to the log file; please tell the branch IT staff.</source>
        <translation>حدث خطأ ولم يكتمل الإجراء. كُتبت التفاصيل في ملف السجل؛ يُرجى إبلاغ فني المعلومات في الفرع.</translation>
    </message>
    <message>
        <source>{field}: {message}</source>
        <translation>{field}: {message}</translation>
    </message>
    <message numerus="yes">
        <source>The account is locked. Try again in %n minute(s).</source>
        <translation>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد لحظات.</numerusform>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد دقيقة واحدة.</numerusform>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد دقيقتين.</numerusform>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد %n دقائق.</numerusform>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد %n دقيقة.</numerusform>
            <numerusform>الحساب مقفل. حاول مرة أخرى بعد %n دقيقة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonthFiguresModel</name>
    <message>
        <source>Month</source>
        <translation>الشهر</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>أُغلقت</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
</context>
<context>
    <name>MoveMemberDialog</name>
    <message>
        <source>Member of another household</source>
        <translation>فرد في أسرة أخرى</translation>
    </message>
    <message>
        <source>%1 is a member of household %2 (head of household: %3).</source>
        <translation>«%1» فرد في الأسرة رقم %2 (رب الأسرة: %3).</translation>
    </message>
    <message>
        <source>They are its only member: moving them here closes that household.</source>
        <translation>هو الفرد الوحيد فيها: نقله إلى هنا يُغلق تلك الأسرة.</translation>
    </message>
    <message>
        <source>Moving them here takes them out of that household.</source>
        <translation>نقله إلى هنا يُخرجه من تلك الأسرة.</translation>
    </message>
    <message>
        <source>Move here</source>
        <translation>نقل إلى هذه الأسرة</translation>
    </message>
    <message>
        <source>Open the other household</source>
        <translation>فتح الأسرة الأخرى</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>MyCasesPage</name>
    <message>
        <source>My cases</source>
        <translation>حالاتي</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>متابعات متأخرة</translation>
    </message>
    <message>
        <source>Due this week</source>
        <translation>مستحقة هذا الأسبوع</translation>
    </message>
    <message>
        <source>Waiting for action</source>
        <translation>بانتظار إجراء</translation>
    </message>
    <message>
        <source>All my open cases</source>
        <translation>كل حالاتي المفتوحة</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>زيارات اليوم</translation>
    </message>
    <message>
        <source>Visits this week</source>
        <translation>زيارات هذا الأسبوع</translation>
    </message>
    <message>
        <source>Open cases whose next visit, plan item or referral reply is past its date, the longest overdue first.</source>
        <translation>حالات مفتوحة فات موعد زيارتها القادمة أو بند خطتها أو رد إحالتها، الأطول تأخراً أولاً.</translation>
    </message>
    <message>
        <source>Open cases with a visit, plan item or referral reply due today or in the next six days.</source>
        <translation>حالات مفتوحة لها زيارة أو بند خطة أو رد إحالة مستحق اليوم أو خلال الأيام الستة القادمة.</translation>
    </message>
    <message>
        <source>New cases still to be assessed, and open cases with nothing scheduled: decide their next step.</source>
        <translation>حالات جديدة لم تُقيَّم بعد، وحالات مفتوحة ليس لها أي موعد: حدّد خطوتها التالية.</translation>
    </message>
    <message>
        <source>Every open case assigned to you, the next due first; cases with nothing scheduled last.</source>
        <translation>كل الحالات المفتوحة المسندة إليك، الأقرب موعداً أولاً؛ والحالات التي ليس لها موعد في الآخر.</translation>
    </message>
    <message>
        <source>The visits planned for today on your cases.</source>
        <translation>الزيارات المخطط لها اليوم في حالاتك.</translation>
    </message>
    <message>
        <source>The visits planned this week (Sunday to Saturday; Friday and Saturday are the weekend) on your cases; past days not recorded as done in red.</source>
        <translation>الزيارات المخطط لها هذا الأسبوع (من الأحد إلى السبت؛ الجمعة والسبت عطلة) في حالاتك؛ الأيام الفائتة التي لم تُسجَّل زيارتها منجزة بالأحمر.</translation>
    </message>
    <message>
        <source>Your cases in the stage: %1</source>
        <translation>حالاتك في مرحلة: %1</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>Open a new case</source>
        <translation>فتح حالة جديدة</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>فتح الحالة</translation>
    </message>
    <message>
        <source>— choose the type of case —</source>
        <translation>— اختر نوع الحالة —</translation>
    </message>
    <message>
        <source>Why the case is opened, in a few lines.</source>
        <translation>سبب فتح الحالة في بضعة أسطر.</translation>
    </message>
    <message>
        <source>Sensitive case: only the assigned worker and supervisors may read it</source>
        <translation>حالة حساسة: لا يطّلع عليها إلا الأخصائي المسؤول والمشرفون</translation>
    </message>
    <message>
        <source>Type of case *</source>
        <translation>نوع الحالة *</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>ملخص الحالة</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>السرية</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>إسنادها إلى</translation>
    </message>
    <message>
        <source>Details of this type of case</source>
        <translation>بيانات خاصة بنوع الحالة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>New case for: %1</source>
        <translation>حالة جديدة للشخص: %1</translation>
    </message>
</context>
<context>
    <name>NewPeopleRows</name>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>الرقم الوطني</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>Remove this row</source>
        <translation>إزالة هذا السطر</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Confidential: hidden from anyone reading the case with a reason</source>
        <translation>سرية: لا تظهر لمن يطّلع على الحالة بذكر سبب</translation>
    </message>
    <message>
        <source>Note *</source>
        <translation>الملاحظة *</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>السرية</translation>
    </message>
</context>
<context>
    <name>NoticeList</name>
    <message>
        <source>Decisions from headquarters on your changes</source>
        <translation>قرارات المقر الرئيسي بشأن تعديلاتك</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>قيمتك</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>القيمة المعتمدة</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>قرّره</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>تعليم كمقروء</translation>
    </message>
    <message>
        <source>Decisions from headquarters on your changes (%1)</source>
        <translation>قرارات المقر الرئيسي بشأن تعديلاتك (%1)</translation>
    </message>
    <message>
        <source>the record itself</source>
        <translation>السجل نفسه</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>still there</source>
        <translation>قائم</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
</context>
<context>
    <name>OsErrors</name>
    <message>
        <source>The disk is full: free some space and try again.</source>
        <translation>القرص ممتلئ: أفرغ بعض المساحة ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>Permission denied: choose another folder, or ask the branch&apos;s IT officer.</source>
        <translation>لا توجد صلاحية: اختر مجلدًا آخر، أو اطلب المساعدة من مسؤول تقنية المعلومات في الفرع.</translation>
    </message>
    <message>
        <source>The file is open in another program: close it there and try again.</source>
        <translation>الملف مفتوح في برنامج آخر: أغلقه هناك ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>The file or folder was not found (was the USB stick removed?).</source>
        <translation>لم يُعثر على الملف أو المجلد (هل نُزعت الذاكرة المحمولة؟).</translation>
    </message>
    <message>
        <source>The disk is read-only: choose another place.</source>
        <translation>القرص للقراءة فقط: اختر مكانًا آخر.</translation>
    </message>
    <message>
        <source>The system refused the operation (error %1).</source>
        <translation>رفض النظام العملية (الخطأ %1).</translation>
    </message>
</context>
<context>
    <name>OtherBranchNotice</name>
    <message>
        <source>Headquarters found that record %1 is the same person as record %2 of branch %3 and merged them: the kept record is shown.</source>
        <translation>تبيّن للإدارة العامة أن السجل %1 هو الشخص نفسه صاحب السجل %2 في الفرع %3، فدُمج السجلان: يُعرض السجل المعتمد.</translation>
    </message>
    <message>
        <source>Possibly the same person is registered at another branch too. A registry officer at headquarters will decide; you can keep working on this record.</source>
        <translation>قد يكون هذا الشخص نفسه مسجَّلًا في فرع آخر أيضًا. سيبتّ في ذلك موظف السجل في الإدارة العامة، ويمكنك مواصلة العمل على هذا السجل.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Branch %1, record %2; matched: %3</source>
        <translation>الفرع %1، السجل %2؛ التطابق في: %3</translation>
    </message>
    <message>
        <source>the four-part name</source>
        <translation>الاسم الرباعي</translation>
    </message>
</context>
<context>
    <name>PeopleFigures</name>
    <message>
        <source>0 to 5 years</source>
        <translation>من 0 إلى 5 سنوات</translation>
    </message>
    <message>
        <source>6 to 17 years</source>
        <translation>من 6 إلى 17 سنة</translation>
    </message>
    <message>
        <source>18 to 59 years</source>
        <translation>من 18 إلى 59 سنة</translation>
    </message>
    <message>
        <source>60 years and over</source>
        <translation>60 سنة فأكثر</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>المسجلون</translation>
    </message>
    <message>
        <source>With an open case</source>
        <translation>لهم حالة مفتوحة</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
</context>
<context>
    <name>PeopleFiguresPanel</name>
    <message>
        <source>People registered at the branch today, and how many of them have an open case (new, assessment, plan or follow-up; a person with two open cases counts once). Age in whole years today.</source>
        <translation>الأشخاص المسجلون في الفرع اليوم، وكم منهم له حالة مفتوحة (جديدة أو في التقييم أو الخطة أو المتابعة؛ من له حالتان مفتوحتان يُحسب مرة واحدة). العمر بالسنوات الكاملة اليوم.</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>الفئة العمرية</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>By sex</source>
        <translation>حسب الجنس</translation>
    </message>
    <message>
        <source>By age band</source>
        <translation>حسب الفئة العمرية</translation>
    </message>
    <message>
        <source>By municipality</source>
        <translation>حسب البلدية</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>غير محددة</translation>
    </message>
</context>
<context>
    <name>PlanItemDialog</name>
    <message>
        <source>Plan item</source>
        <translation>بند في خطة الحالة</translation>
    </message>
    <message>
        <source>The worker, the family, an agency…</source>
        <translation>الأخصائي، الأسرة، جهة ما…</translation>
    </message>
    <message>
        <source>Goal *</source>
        <translation>الهدف *</translation>
    </message>
    <message>
        <source>Action *</source>
        <translation>الإجراء *</translation>
    </message>
    <message>
        <source>Who does it *</source>
        <translation>المسؤول عن التنفيذ *</translation>
    </message>
    <message>
        <source>Due date *</source>
        <translation>الموعد *</translation>
    </message>
</context>
<context>
    <name>PlanItemStateDialog</name>
    <message>
        <source>Plan item progress</source>
        <translation>تقدّم بند الخطة</translation>
    </message>
    <message>
        <source>State of the item</source>
        <translation>وضع البند</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Intake form</source>
        <translation>استمارة تسجيل مستفيد</translation>
    </message>
    <message>
        <source>Blank intake form</source>
        <translation>استمارة تسجيل فارغة</translation>
    </message>
    <message>
        <source>Household form</source>
        <translation>استمارة بيانات أسرة</translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation>ملخص الحالة</translation>
    </message>
    <message>
        <source>Visit sheet</source>
        <translation>استمارة زيارة متابعة</translation>
    </message>
    <message>
        <source>Blank visit sheet</source>
        <translation>استمارة زيارة فارغة</translation>
    </message>
    <message>
        <source>Referral letter</source>
        <translation>خطاب إحالة</translation>
    </message>
    <message>
        <source>Court report</source>
        <translation>تقرير محكمة الأحداث</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>جارٍ تجهيز المستند…</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;طباعة</translation>
    </message>
    <message>
        <source>Visit sheets for a day…</source>
        <translation>استمارات زيارات يوم…</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview — %1</source>
        <translation>معاينة الطباعة — %1</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>حفظ كملف PDF…</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>ملاءمة العرض</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>جارٍ تجهيز الصفحات…</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>الصفحة %1</translation>
    </message>
    <message>
        <source>Pages: %1</source>
        <translation>عدد الصفحات: %1</translation>
    </message>
    <message>
        <source>The document could not be shown or printed.</source>
        <translation>تعذر عرض المستند أو طباعته.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>حفظ كملف PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>حُفظ في %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>تعذر حفظ الملف: %1</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>تعذر تشغيل الطابعة.</translation>
    </message>
    <message>
        <source>Sent to the printer (pages: %1).</source>
        <translation>أُرسل إلى الطابعة (عدد الصفحات: %1).</translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation>جارٍ طباعة الصفحة %1 من %2…</translation>
    </message>
    <message>
        <source>Wait until the printing ends.</source>
        <translation>انتظر حتى تنتهي الطباعة.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>قرص</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>مجلد ملفات</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>اختصار</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>ا&amp;بحث في:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>الملفات من ال&amp;نوع:</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 بايت</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Referral</source>
        <translation>إحالة إلى جهة</translation>
    </message>
    <message>
        <source>— choose the agency —</source>
        <translation>— اختر الجهة —</translation>
    </message>
    <message>
        <source>What the agency is asked to do, and why.</source>
        <translation>المطلوب من الجهة وسببه.</translation>
    </message>
    <message>
        <source>Agency *</source>
        <translation>الجهة *</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>السبب *</translation>
    </message>
    <message>
        <source>Answer expected by</source>
        <translation>الرد متوقع قبل</translation>
    </message>
</context>
<context>
    <name>ReferralStateDialog</name>
    <message>
        <source>Referral answer</source>
        <translation>رد الجهة على الإحالة</translation>
    </message>
    <message>
        <source>Referral to %1.</source>
        <translation>إحالة إلى %1.</translation>
    </message>
    <message>
        <source>State of the referral</source>
        <translation>وضع الإحالة</translation>
    </message>
    <message>
        <source>Answer of the agency</source>
        <translation>رد الجهة</translation>
    </message>
</context>
<context>
    <name>RefuseClosureDialog</name>
    <message>
        <source>Refuse the closure</source>
        <translation>رفض إغلاق الحالة</translation>
    </message>
    <message>
        <source>Send the case back</source>
        <translation>إعادة الحالة</translation>
    </message>
    <message>
        <source>The case goes back to its previous stage; the worker sees why.</source>
        <translation>تعود الحالة إلى مرحلتها السابقة، ويرى الأخصائي سبب الرفض.</translation>
    </message>
    <message>
        <source>Why the case stays open *</source>
        <translation>سبب إبقاء الحالة مفتوحة *</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen the case</source>
        <translation>إعادة فتح الحالة</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>إعادة الفتح</translation>
    </message>
    <message>
        <source>The case goes back to the assessment stage.</source>
        <translation>تعود الحالة إلى مرحلة التقييم.</translation>
    </message>
    <message>
        <source>Why the case is reopened *</source>
        <translation>سبب إعادة الفتح *</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search by name, person number, mother&apos;s name, national number or phone…</source>
        <translation>ابحث بالاسم أو رقم السجل أو اسم الأم أو الرقم الوطني أو الهاتف…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>New beneficiary</source>
        <translation>مستفيد جديد</translation>
    </message>
    <message>
        <source>Register a new beneficiary (Ctrl+N)</source>
        <translation>تسجيل مستفيد جديد (Ctrl+N)</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>أسرة جديدة</translation>
    </message>
    <message>
        <source>Register a whole family in one pass</source>
        <translation>تسجيل أسرة كاملة دفعة واحدة</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>No one found.</source>
        <translation>لم يُعثر على أحد.</translation>
    </message>
    <message>
        <source>No beneficiaries registered yet.</source>
        <translation>لا يوجد مستفيدون مسجَّلون بعد.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>لا نتائج</numerusform>
            <numerusform>نتيجة واحدة</numerusform>
            <numerusform>نتيجتان</numerusform>
            <numerusform>%n نتائج</numerusform>
            <numerusform>%n نتيجة</numerusform>
            <numerusform>%n نتيجة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First %n results; scroll down for more.</source>
        <translation>
            <numerusform>لا نتائج.</numerusform>
            <numerusform>أول نتيجة؛ مرّر للأسفل لعرض المزيد.</numerusform>
            <numerusform>أول نتيجتين؛ مرّر للأسفل لعرض المزيد.</numerusform>
            <numerusform>أول %n نتائج؛ مرّر للأسفل لعرض المزيد.</numerusform>
            <numerusform>أول %n نتيجة؛ مرّر للأسفل لعرض المزيد.</numerusform>
            <numerusform>أول %n نتيجة؛ مرّر للأسفل لعرض المزيد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Most recently registered: %n</source>
        <translation>
            <numerusform>آخر المسجَّلين: %n</numerusform>
            <numerusform>آخر المسجَّلين: %n</numerusform>
            <numerusform>آخر المسجَّلين: %n</numerusform>
            <numerusform>آخر المسجَّلين: %n</numerusform>
            <numerusform>آخر المسجَّلين: %n</numerusform>
            <numerusform>آخر المسجَّلين: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>The language is yours: it is used each time you log in, on this computer.</source>
        <translation>اللغة خاصة بك: تُستعمل في كل مرة تدخل فيها على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Lock the screen after this long without use</source>
        <translation>قفل الشاشة بعد مدة عدم استخدام قدرها</translation>
    </message>
    <message>
        <source>The settings could not be saved (the data folder is not writable).</source>
        <translation>تعذّر حفظ الإعدادات (لا يمكن الكتابة في مجلد البيانات).</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>Opening the branch database…
The first start also prepares the demo data; this can take a minute.</source>
        <translation>جارٍ فتح قاعدة بيانات الفرع…
في التشغيل الأول تُجهَّز البيانات التجريبية أيضًا، وقد يستغرق ذلك دقيقة.</translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <source>Next step:</source>
        <translation>الخطوة التالية:</translation>
    </message>
    <message>
        <source>Start the assessment</source>
        <translation>بدء التقييم</translation>
    </message>
    <message>
        <source>Move to the case plan</source>
        <translation>الانتقال إلى خطة الحالة</translation>
    </message>
    <message>
        <source>Start the follow-up</source>
        <translation>بدء المتابعة</translation>
    </message>
    <message>
        <source>Request closure…</source>
        <translation>طلب الإغلاق…</translation>
    </message>
    <message>
        <source>Close the case…</source>
        <translation>إغلاق الحالة…</translation>
    </message>
    <message>
        <source>Approve the closure…</source>
        <translation>اعتماد الإغلاق…</translation>
    </message>
    <message>
        <source>Refuse the closure…</source>
        <translation>رفض الإغلاق…</translation>
    </message>
    <message>
        <source>Reopen the case…</source>
        <translation>إعادة فتح الحالة…</translation>
    </message>
</context>
<context>
    <name>StageChip</name>
    <message>
        <source>Show only the cases in this stage; click again to show all</source>
        <translation>اعرض حالات هذه المرحلة فقط؛ انقر ثانية لعرض الكل</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Supervision</source>
        <translation>الإشراف</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>اعرض هذه القائمة</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>متأخرة</translation>
    </message>
    <message>
        <source>No visit for 30 days</source>
        <translation>بلا زيارة منذ 30 يوماً</translation>
    </message>
    <message>
        <source>Closures to approve</source>
        <translation>إغلاقات بانتظار الموافقة</translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation>كل الحالات المفتوحة</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>زيارات اليوم</translation>
    </message>
    <message>
        <source>Visits this week</source>
        <translation>زيارات هذا الأسبوع</translation>
    </message>
    <message>
        <source>All workers</source>
        <translation>كل الأخصائيين</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>حالات مفتوحة</translation>
    </message>
    <message>
        <source>Cases of %1</source>
        <translation>حالات %1</translation>
    </message>
    <message>
        <source>The visits planned for today on the branch&apos;s cases.</source>
        <translation>الزيارات المخطط لها اليوم في حالات الفرع.</translation>
    </message>
    <message>
        <source>The visits planned this week (Sunday to Saturday; Friday and Saturday are the weekend) on the branch&apos;s cases; past days not recorded as done in red.</source>
        <translation>الزيارات المخطط لها هذا الأسبوع (من الأحد إلى السبت؛ الجمعة والسبت عطلة) في حالات الفرع؛ الأيام الفائتة التي لم تُسجَّل زيارتها منجزة بالأحمر.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Sync now</source>
        <translation>مزامنة الآن</translation>
    </message>
    <message>
        <source>Export to a USB stick…</source>
        <translation>تصدير إلى ذاكرة محمولة…</translation>
    </message>
    <message>
        <source>Import from a USB stick…</source>
        <translation>استيراد من ذاكرة محمولة…</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>م&amp;زامنة</translation>
    </message>
    <message>
        <source>Syncing with headquarters…</source>
        <translation>جارٍ المزامنة مع المقر الرئيسي…</translation>
    </message>
    <message>
        <source>There was nothing new to send; headquarters has every change.</source>
        <translation>لا جديد للإرسال؛ كل التغييرات وصلت إلى المقر الرئيسي.</translation>
    </message>
    <message>
        <source>Batches sent: %1 · Changes sent: %2</source>
        <translation>الدفعات المرسلة: %1 · التغييرات المرسلة: %2</translation>
    </message>
    <message>
        <source>Headquarters has acknowledged the changes up to number %1.</source>
        <translation>أكّد المقر الرئيسي استلام التغييرات حتى الرقم %1.</translation>
    </message>
    <message>
        <source>Changes still waiting: %1</source>
        <translation>تغييرات ما زالت بانتظار المزامنة: %1</translation>
    </message>
    <message>
        <source>This branch was restored from an older copy. %1 records were recovered from headquarters, and %2 changes made on this copy were sent again. Nothing was lost.</source>
        <translation>استُعيد هذا الفرع من نسخة احتياطية أقدم. استُرجع من المقر الرئيسي %1 سجلاً، وأُعيد إرسال %2 تغييراً أُجري على هذه النسخة. لم يُفقد شيء.</translation>
    </message>
    <message>
        <source>This branch was restored from an older copy. %1 records were recovered from headquarters; %2 changes made on this copy will go with the next export: export to the USB stick again now.</source>
        <translation>استُعيد هذا الفرع من نسخة احتياطية أقدم. استُرجع من المقر الرئيسي %1 سجلاً، وسيُرسل %2 تغييراً أُجري على هذه النسخة مع التصدير التالي: صدِّر إلى الذاكرة المحمولة مرة أخرى الآن.</translation>
    </message>
    <message>
        <source>Choose the USB stick (or a folder on it)</source>
        <translation>اختر الذاكرة المحمولة (أو مجلداً فيها)</translation>
    </message>
    <message>
        <source>Writing the changes to the USB stick…</source>
        <translation>جارٍ كتابة التغييرات على الذاكرة المحمولة…</translation>
    </message>
    <message>
        <source>Nothing to export: headquarters has acknowledged every change.</source>
        <translation>لا شيء للتصدير: أكّد المقر الرئيسي استلام كل التغييرات.</translation>
    </message>
    <message>
        <source>Nothing new to send. A request for headquarters&apos; news (decisions, reference data) was written: %1</source>
        <translation>لا جديد لإرساله. كُتب طلبٌ لمستجدات الإدارة العامة (القرارات والبيانات المرجعية): %1</translation>
    </message>
    <message>
        <source>Take it to headquarters, then import the answer file they give you.</source>
        <translation>احمله إلى الإدارة العامة، ثم استورد ملف الرد الذي تسلّمه لك.</translation>
    </message>
    <message>
        <source>Batch files written: %1</source>
        <translation>ملفات الدفعات المكتوبة: %1</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>المجلد: %1</translation>
    </message>
    <message>
        <source>Take them to headquarters, then import the answer files they give you.</source>
        <translation>سلّمها إلى المقر الرئيسي، ثم استورد ملفات الرد التي يعطيك إياها.</translation>
    </message>
    <message>
        <source>Choose the answer files from headquarters</source>
        <translation>اختر ملفات الرد من المقر الرئيسي</translation>
    </message>
    <message>
        <source>Answers from headquarters (*.receipt.sanad);;Sanad files (*.sanad)</source>
        <translation>ردود المقر الرئيسي (*.receipt.sanad);;ملفات سند (*.sanad)</translation>
    </message>
    <message>
        <source>Importing the answer from headquarters…</source>
        <translation>جارٍ استيراد رد المقر الرئيسي…</translation>
    </message>
    <message>
        <source>Answer lines applied: %1 (already applied before: %2)</source>
        <translation>بنود الرد المطبّقة: %1 (مطبّقة من قبل: %2)</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync with headquarters</source>
        <translation>المزامنة مع المقر الرئيسي</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>إلغاء المزامنة</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>The sync goes on in the background.</source>
        <translation>تستمر المزامنة في الخلفية.</translation>
    </message>
    <message>
        <source>Preparing the changes to send…</source>
        <translation>جارٍ تجهيز التغييرات للإرسال…</translation>
    </message>
    <message>
        <source>Sending batch %1 of %2 to headquarters…</source>
        <translation>جارٍ إرسال الدفعة %1 من %2 إلى المقر الرئيسي…</translation>
    </message>
    <message>
        <source>Applying the answer from headquarters…</source>
        <translation>جارٍ تطبيق رد المقر الرئيسي…</translation>
    </message>
    <message>
        <source>The sync did not complete.</source>
        <translation>لم تكتمل المزامنة.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>تمّ.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Pending changes: …</source>
        <translation>تغييرات بانتظار المزامنة: …</translation>
    </message>
    <message>
        <source>never</source>
        <translation>لم تتم بعد</translation>
    </message>
    <message>
        <source>Demo branch: not synced with headquarters</source>
        <translation>فرع تجريبي: لا يُزامَن مع المقر الرئيسي</translation>
    </message>
    <message>
        <source>Changes waiting to sync: %1 · Last sync: %2</source>
        <translation>تغييرات بانتظار المزامنة: %1 · آخر مزامنة: %2</translation>
    </message>
    <message>
        <source>This is a demo branch: it is never synced with headquarters.</source>
        <translation>هذا فرع تجريبي: لا يُزامَن مع المقر الرئيسي أبداً.</translation>
    </message>
    <message>
        <source>This branch is not enrolled with headquarters yet.</source>
        <translation>هذا الفرع غير مسجَّل لدى المقر الرئيسي بعد.</translation>
    </message>
    <message>
        <source>Changes refused by headquarters: %1</source>
        <translation>تغييرات رفضها المقر الرئيسي: %1</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>آخر محاولة: %1</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>This is a demo branch: it is never synced with headquarters.</source>
        <translation>هذا فرع تجريبي: لا يُزامَن مع المقر الرئيسي أبداً.</translation>
    </message>
    <message>
        <source>This branch is not enrolled with headquarters yet. Ask the IT staff to enroll it.</source>
        <translation>هذا الفرع غير مسجَّل لدى المقر الرئيسي بعد. اطلب من فريق تقنية المعلومات تسجيله.</translation>
    </message>
    <message>
        <source>The enrollment file cannot be used.</source>
        <translation>لا يمكن استخدام ملف التسجيل.</translation>
    </message>
    <message>
        <source>The enrollment file is for another branch.</source>
        <translation>ملف التسجيل يخص فرعاً آخر.</translation>
    </message>
    <message>
        <source>Headquarters cannot be reached: there is no network connection. Your changes are kept and will be sent at the next sync.</source>
        <translation>تعذّر الوصول إلى المقر الرئيسي: لا يوجد اتصال بالشبكة. تغييراتك محفوظة وستُرسل في المزامنة القادمة.</translation>
    </message>
    <message>
        <source>The headquarters sync service is not answering. Try again later; nothing was lost.</source>
        <translation>خدمة المزامنة في المقر الرئيسي لا تستجيب. حاول لاحقاً؛ لم يُفقد شيء.</translation>
    </message>
    <message>
        <source>Headquarters did not answer in time. Try again; sending again is safe.</source>
        <translation>لم يرد المقر الرئيسي في الوقت المحدد. حاول مرة أخرى؛ إعادة الإرسال آمنة.</translation>
    </message>
    <message>
        <source>Headquarters refused the changes: {reason}</source>
        <translation>رفض المقر الرئيسي التغييرات: {reason}</translation>
    </message>
    <message>
        <source>The answer from headquarters was refused: {reason}</source>
        <translation>رُفض رد المقر الرئيسي: {reason}</translation>
    </message>
    <message>
        <source>This answer comes after one that was not imported yet: import the older answer first.</source>
        <translation>هذا الرد يأتي بعد رد لم يُستورد بعد: استورد الرد الأقدم أولاً.</translation>
    </message>
    <message>
        <source>The sync was cancelled. Nothing was lost; it continues next time.</source>
        <translation>أُلغيت المزامنة. لم يُفقد شيء؛ ستُستكمل في المرة القادمة.</translation>
    </message>
    <message>
        <source>The chosen folder cannot be used (the USB stick may be full or read-only).</source>
        <translation>لا يمكن استخدام المجلد المختار (قد تكون الذاكرة المحمولة ممتلئة أو للقراءة فقط).</translation>
    </message>
    <message>
        <source>it is not a Sanad sync file</source>
        <translation>ليس ملف مزامنة من سند</translation>
    </message>
    <message>
        <source>the file is incomplete or damaged</source>
        <translation>الملف ناقص أو تالف</translation>
    </message>
    <message>
        <source>the file&apos;s description is damaged</source>
        <translation>وصف الملف تالف</translation>
    </message>
    <message>
        <source>the file&apos;s format is not supported</source>
        <translation>صيغة الملف غير مدعومة</translation>
    </message>
    <message>
        <source>it was made by a newer version of Sanad: update the program first</source>
        <translation>صُنع بإصدار أحدث من سند: حدّث البرنامج أولاً</translation>
    </message>
    <message>
        <source>the sender is not enrolled (this branch, or headquarters&apos; key)</source>
        <translation>المرسِل غير مسجَّل (هذا الفرع، أو مفتاح المقر الرئيسي)</translation>
    </message>
    <message>
        <source>this branch&apos;s enrollment was revoked at headquarters</source>
        <translation>ألغى المقر الرئيسي تسجيل هذا الفرع</translation>
    </message>
    <message>
        <source>the signature is not valid (the file was forged or altered)</source>
        <translation>التوقيع غير صحيح (الملف مزوَّر أو معدَّل)</translation>
    </message>
    <message>
        <source>the file is addressed to another branch</source>
        <translation>الملف موجَّه إلى فرع آخر</translation>
    </message>
    <message>
        <source>the file&apos;s content was altered or damaged</source>
        <translation>محتوى الملف معدَّل أو تالف</translation>
    </message>
    <message>
        <source>there is not enough free disk space</source>
        <translation>لا توجد مساحة كافية على القرص</translation>
    </message>
    <message>
        <source>the file&apos;s content is inconsistent</source>
        <translation>محتوى الملف غير متّسق</translation>
    </message>
    <message>
        <source>the changes do not continue this branch&apos;s earlier ones (was an old backup restored?)</source>
        <translation>التغييرات لا تكمل تغييرات هذا الفرع السابقة (هل استُعيدت نسخة احتياطية قديمة؟)</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>الملف كبير جداً</translation>
    </message>
    <message>
        <source>the central database is unavailable; try again later</source>
        <translation>قاعدة البيانات المركزية غير متاحة؛ حاول لاحقاً</translation>
    </message>
    <message>
        <source>the enrollment code is not valid</source>
        <translation>رمز التسجيل غير صحيح</translation>
    </message>
    <message>
        <source>the branch was already enrolled with other keys</source>
        <translation>سُجّل الفرع من قبل بمفاتيح أخرى</translation>
    </message>
    <message>
        <source>headquarters does not know this branch</source>
        <translation>المقر الرئيسي لا يعرف هذا الفرع</translation>
    </message>
    <message>
        <source>no network connection</source>
        <translation>لا يوجد اتصال بالشبكة</translation>
    </message>
    <message>
        <source>headquarters is not answering</source>
        <translation>المقر الرئيسي لا يستجيب</translation>
    </message>
    <message>
        <source>headquarters answered too late</source>
        <translation>انتهت مهلة انتظار رد المقر الرئيسي</translation>
    </message>
    <message>
        <source>refused by headquarters: {reason}</source>
        <translation>رفضها المقر الرئيسي: {reason}</translation>
    </message>
    <message>
        <source>the answer was refused: {reason}</source>
        <translation>رُفض الرد: {reason}</translation>
    </message>
    <message>
        <source>an answer is missing</source>
        <translation>ينقص رد سابق من المقر</translation>
    </message>
    <message>
        <source>reason code {code}</source>
        <translation>رمز السبب {code}</translation>
    </message>
    <message>
        <source>no reason was given</source>
        <translation>لم يُذكر سبب</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Request a transfer</source>
        <translation>طلب نقل الحالة</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>إرسال الطلب</translation>
    </message>
    <message>
        <source>Headquarters moves the case to the other branch at the next sync. Until then the case cannot be changed here.</source>
        <translation>تنقل الإدارة العامة الحالة إلى الفرع الآخر عند المزامنة التالية، ولا يمكن تعديلها هنا حتى ذلك الحين.</translation>
    </message>
    <message>
        <source>Code of the branch *</source>
        <translation>رمز الفرع *</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>السبب *</translation>
    </message>
</context>
<context>
    <name>TypeFiguresModel</name>
    <message>
        <source>Case type</source>
        <translation>نوع الحالة</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>أُغلقت</translation>
    </message>
    <message>
        <source>Average days to close</source>
        <translation>متوسط أيام الإغلاق</translation>
    </message>
    <message>
        <source>Open today</source>
        <translation>المفتوحة اليوم</translation>
    </message>
    <message>
        <source>Overdue today</source>
        <translation>المتأخرة اليوم</translation>
    </message>
    <message>
        <source>Overdue rate</source>
        <translation>نسبة التأخر</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit</source>
        <translation>زيارة</translation>
    </message>
    <message>
        <source>— choose the place —</source>
        <translation>— اختر المكان —</translation>
    </message>
    <message>
        <source>Address or name of the place</source>
        <translation>العنوان أو اسم المكان</translation>
    </message>
    <message>
        <source>Visit date *</source>
        <translation>تاريخ الزيارة *</translation>
    </message>
    <message>
        <source>Place *</source>
        <translation>المكان *</translation>
    </message>
    <message>
        <source>Place details</source>
        <translation>تفاصيل المكان</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>تاريخ التنفيذ</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
</context>
<context>
    <name>VisitOutcomeDialog</name>
    <message>
        <source>Visit outcome</source>
        <translation>نتيجة الزيارة</translation>
    </message>
    <message>
        <source>Visit planned for %1 (%2).</source>
        <translation>زيارة مخطط لها في %1 (%2).</translation>
    </message>
    <message>
        <source>What was seen and agreed during the visit.</source>
        <translation>ما لوحظ وما اتُّفق عليه خلال الزيارة.</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>ما حدث</translation>
    </message>
    <message>
        <source>Done on *</source>
        <translation>تاريخ التنفيذ *</translation>
    </message>
    <message>
        <source>Outcome *</source>
        <translation>النتيجة *</translation>
    </message>
</context>
<context>
    <name>WorkloadTableModel</name>
    <message>
        <source>Social worker</source>
        <translation>الأخصائي الاجتماعي</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>متأخرة</translation>
    </message>
    <message>
        <source>No visit for 30 days</source>
        <translation>بلا زيارة منذ 30 يوماً</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>غير مسندة</translation>
    </message>
</context>
</TS>
