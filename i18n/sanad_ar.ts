<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
<context>
    <name>Application</name>
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
</context>
<context>
    <name>BeneficiaryFields</name>
    <message>
        <source>First name</source>
        <translation>الاسم الأول</translation>
    </message>
    <message>
        <source>Father's name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <source>Grandfather's name</source>
        <translation>اسم الجد</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>اللقب</translation>
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
        <source>Mother's full name</source>
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
        <source>Edit</source>
        <translation>تعديل</translation>
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
        <source>Mother's name</source>
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
    <name>DuplicateTableModel</name>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Mother's name</source>
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
    <name>HistoryTableModel</name>
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
    <name>HouseholdForm</name>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Add a member…</source>
        <translation>إضافة فرد…</translation>
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
        <source>Members</source>
        <translation>أفراد الأسرة</translation>
    </message>
    <message>
        <source>Household details</source>
        <translation>بيانات الأسرة</translation>
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
        <source>New household: %1</source>
        <translation>أسرة جديدة: %1</translation>
    </message>
    <message>
        <source>Save to create the household, then add its members.</source>
        <translation>احفظ لإنشاء الأسرة، ثم أضف أفرادها.</translation>
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
        <source>Already registered (same name, mother's name, date of birth and sex)</source>
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
        <source>Father's name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <source>Grandfather's name</source>
        <translation>اسم الجد</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>اللقب</translation>
    </message>
    <message>
        <source>Mother's full name</source>
        <translation>اسم الأم الكامل</translation>
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
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>New beneficiary</source>
        <translation>مستفيد جديد</translation>
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
        <source>Use 3 to 30 Latin letters, digits, '/' or '-'.</source>
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
        <source>This user name is already taken.</source>
        <translation>اسم المستخدم هذا مستخدَم من قبل.</translation>
    </message>
    <message>
        <source>Use 3 to 40 lower-case Latin letters, digits, '.', '_' or '-', starting with a letter.</source>
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
        <source>A case number looks like BRANCH-2026-00001.</source>
        <translation>رقم الحالة يكون على شكل BRANCH-2026-00001.</translation>
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
    <name>SearchPage</name>
    <message>
        <source>Search by name, mother's name, national number or phone…</source>
        <translation>ابحث بالاسم أو اسم الأم أو الرقم الوطني أو الهاتف…</translation>
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
        <source>A new language is applied the next time Sanad is started.</source>
        <translation>تُطبَّق اللغة الجديدة عند تشغيل سند في المرة القادمة.</translation>
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
        <source>the file's description is damaged</source>
        <translation>وصف الملف تالف</translation>
    </message>
    <message>
        <source>the file's format is not supported</source>
        <translation>صيغة الملف غير مدعومة</translation>
    </message>
    <message>
        <source>it was made by a newer version of Sanad: update the program first</source>
        <translation>صُنع بإصدار أحدث من سند: حدّث البرنامج أولاً</translation>
    </message>
    <message>
        <source>the sender is not enrolled (this branch, or headquarters' key)</source>
        <translation>المرسِل غير مسجَّل (هذا الفرع، أو مفتاح المقر الرئيسي)</translation>
    </message>
    <message>
        <source>this branch's enrollment was revoked at headquarters</source>
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
        <source>the file's content was altered or damaged</source>
        <translation>محتوى الملف معدَّل أو تالف</translation>
    </message>
    <message>
        <source>there is not enough free disk space</source>
        <translation>لا توجد مساحة كافية على القرص</translation>
    </message>
    <message>
        <source>the file's content is inconsistent</source>
        <translation>محتوى الملف غير متّسق</translation>
    </message>
    <message>
        <source>the changes do not continue this branch's earlier ones (was an old backup restored?)</source>
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
</TS>