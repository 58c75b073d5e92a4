<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>HouseholdPanel</name>
    <message numerus="yes">
        <source>%n member(s):</source>
        <translation>
            <numerusform>%n member:</numerusform>
            <numerusform>%n members:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Import %n valid row(s)</source>
        <translation>
            <numerusform>Import %n valid row</numerusform>
            <numerusform>Import %n valid rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported.</source>
        <translation>
            <numerusform>%n row imported.</numerusform>
            <numerusform>%n rows imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in the file:</source>
        <translation>
            <numerusform>%n row in the file:</numerusform>
            <numerusform>%n rows in the file:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n valid and new,</source>
        <translation>
            <numerusform>%n valid and new,</numerusform>
            <numerusform>%n valid and new,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors,</source>
        <translation>
            <numerusform>%n with errors,</numerusform>
            <numerusform>%n with errors,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already registered.</source>
        <translation>
            <numerusform>%n already registered.</numerusform>
            <numerusform>%n already registered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message numerus="yes">
        <source>The screen was locked after %n minute(s) without use.</source>
        <translation>
            <numerusform>The screen was locked after %n minute without use.</numerusform>
            <numerusform>The screen was locked after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message numerus="yes">
        <source>The account is locked. Try again in %n minute(s).</source>
        <translation>
            <numerusform>The account is locked. Try again in %n minute.</numerusform>
            <numerusform>The account is locked. Try again in %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First %n results; scroll down for more.</source>
        <translation>
            <numerusform>First %n result; scroll down for more.</numerusform>
            <numerusform>First %n results; scroll down for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Most recently registered: %n</source>
        <translation>
            <numerusform>Most recently registered: %n</numerusform>
            <numerusform>Most recently registered: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
