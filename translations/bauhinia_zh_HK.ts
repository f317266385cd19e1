<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="107" />
            <location filename="../app/ui/dialogs.py" line="108" />
            <location filename="../app/ui/dialogs.py" line="109" />
            <source>About Bauhinia</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="110" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="113" />
            <source>Bauhinia 紫荊助手 %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="114" />
            <source>Model: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="114" />
            <source>none loaded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="115" />
            <source>Backend: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="115" />
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="116" />
            <source>Bundled components and their licences:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ActionBar</name>
        <message>
            <location filename="../app/ui/transcript.py" line="130" />
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="130" />
            <source>Copy this message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="131" />
            <source>Regenerate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="131" />
            <source>Write a new version of this reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="132" />
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="132" />
            <source>Edit this prompt (keeps the original as another version)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="133" />
            <source>Previous version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="134" />
            <source>Next version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="135" />
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="135" />
            <source>Delete this message and what follows it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="143" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <location filename="../app/cli/ask.py" line="55" />
            <source>Thinking…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../app/cli/ask.py" line="68" />
            <source>Note: %n earlier message(s) were left out to fit the context.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="68" />
            <source>All checks passed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="68" />
            <source>Some checks FAILED.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="86" />
            <source>Building the benchmark model (about 460 MiB, once)…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Chat</name>
        <message>
            <location filename="../app/ui/tasks.py" line="219" />
            <source>No model is loaded. Choose a model first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="223" />
            <source>The history is not open.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <location filename="../app/ui/composer.py" line="78" />
            <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="79" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="80" />
            <source>Enter sends, Shift+Enter starts a new line, Esc stops</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="81" />
            <location filename="../app/ui/composer.py" line="82" />
            <source>Send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="83" />
            <source>Send (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="84" />
            <location filename="../app/ui/composer.py" line="85" />
            <source>Stop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="86" />
            <source>Stop the reply (Esc)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="87" />
            <source>Editing a message: sending keeps the original as another version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="88" />
            <source>Editing a message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="89" />
            <location filename="../app/ui/composer.py" line="90" />
            <source>Cancel editing</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="50" />
            <source>Link not opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="51" />
            <source>This link was not opened because its kind is not allowed:
%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="59" />
            <source>Open link?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="60" />
            <source>Open this address in your browser?

%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="70" />
            <source>History passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="71" />
            <source>No system keyring is available. Enter the passphrase that protects your conversation history:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Doctor</name>
        <message>
            <location filename="../app/cli/doctor.py" line="127" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="128" />
            <source>Python</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="129" />
            <source>llama-cpp-python</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="130" />
            <source>Backends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="133" />
            <source>Devices:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="141" />
            <source>Would use: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="144" />
            <source>Keyring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="145" />
            <source>Database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="146" />
            <source>Encrypted</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>History</name>
        <message>
            <location filename="../app/history_recorder.py" line="25" />
            <source>History passphrase: </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HistoryCli</name>
        <message>
            <location filename="../app/cli/history_cmds.py" line="21" />
            <source>saved conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="24" />
            <source>list conversations, newest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="26" />
            <source>list archived conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="30" />
            <source>print one conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="35" />
            <source>full-text search (English and Chinese)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="38" />
            <source>do not match Simplified and Traditional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="42" />
            <source>export a conversation as Markdown or JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="43" />
            <source>conversation id, or 'all' (JSON only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="45" />
            <source>write to this file instead of stdout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="48" />
            <source>import a JSON export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="53" />
            <source>delete conversations older than N days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="58" />
            <source>replace a damaged database by its latest backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="85" />
            <source>History is turned off by policy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="97" />
            <source>warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="121" />
            <source>No conversations.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="125" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="139" />
            <source>title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="140" />
            <source>model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="141" />
            <source>updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="149" />
            <source>thinking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="162" />
            <source>No matches.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="181" />
            <source>Markdown export takes one conversation id; use --format json for all.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="188" />
            <source>Cannot write {path}: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="203" />
            <source>Cannot read {path}: {error}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="210" />
            <source>Imported %n conversation(s).</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="218" />
            <source>--older-than must be zero or more days.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="225" />
            <source>Deleted %n conversation(s).</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="239" />
            <source>Restored {backup}; the previous file is kept as {kept}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HistoryStore</name>
        <message>
            <location filename="../app/store/database.py" line="115" />
            <source>The disk is full, so history cannot be saved. Free some space; everything saved before this point is intact.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="123" />
            <source>The history database cannot be written ({error}). Check that the data folder is writable; existing history is unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="131" />
            <source>The history database could not be decrypted with the stored key. It may belong to another account or the key was replaced. The file was left unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="139" />
            <source> The latest backup is {path}; restore it with 'bauhinia history restore'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="143" />
            <source> No backup exists; move the file aside to start a new history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="146" />
            <source>The history database is damaged ({error}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="150" />
            <source>Another Bauhinia window is busy with the history; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/database.py" line="151" />
            <source>History database error: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/keys.py" line="54" />
            <source>The system keyring could not be read: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/keys.py" line="64" />
            <source>The history key in the system keyring is malformed; it cannot open the history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/keys.py" line="76" />
            <source>The history key could not be saved in the system keyring: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="133" />
            <source>The history folder {path} cannot be created: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="163" />
            <source>This history database was created without encryption.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="175" />
            <source>The history database is encrypted, but its key is not in the system keyring ({backend}). Sign in to the account that created it or restore the keyring; to start over, move {path} aside. The file was left unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="190" />
            <source>History needs a passphrase because no system keyring is available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="194" />
            <source>No system keyring is available: history is being saved WITHOUT encryption.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="199" />
            <source>History is off: no system keyring is available to hold the encryption key, and policy does not allow unencrypted history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="229" />
            <source>The history database was made by a newer version of Bauhinia (schema {found}; this version knows up to {known}). Update Bauhinia to open it; the file was not changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="239" />
            <source>{path} is a SQLite file but not a Bauhinia history database.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="387" />
            <source>No conversation {id}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="486" />
            <source>No message {id} in this conversation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="589" />
            <location filename="../app/store/store.py" line="674" />
            <location filename="../app/store/store.py" line="687" />
            <source>No message {id}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/store.py" line="728" />
            <source>There is no backup of the history database to restore.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="52" />
            <source>Exporting history is turned off by your organisation's policy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="94" />
            <source>Untitled conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="96" />
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="97" />
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="100" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="101" />
            <source>Conversation id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="104" />
            <source>System prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="106" />
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="107" />
            <source>Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="108" />
            <source>System</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="118" />
            <source>Version {i} of {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="123" />
            <source>Thinking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="132" />
            <source>Status: {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="142" />
            <source>{n} other versions are not shown; export as JSON to keep every branch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="158" />
            <source>Invalid history file at {where}: {what}. Nothing was imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="183" />
            <source>The history file is too large to import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="188" />
            <source>The file is not valid JSON ({error}). Nothing was imported.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>I18n</name>
        <message>
            <location filename="../app/i18n.py" line="90" />
            <source>pyside6-lrelease is not available to build the translations.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../app/ui/main_window.py" line="234" />
            <source>Bauhinia 紫荊助手</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="235" />
            <source>Bauhinia</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="236" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="237" />
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="238" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="239" />
            <source>&amp;New chat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="240" />
            <source>&amp;Import model file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="241" />
            <source>&amp;Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="242" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="243" />
            <source>&amp;Search conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="244" />
            <source>&amp;Larger text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="245" />
            <source>S&amp;maller text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="246" />
            <source>&amp;Reset text size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="247" />
            <source>&amp;Write a message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="248" />
            <source>&amp;About Bauhinia</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="249" />
            <source>&amp;Model:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="250" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="251" />
            <source>Choose the model that answers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="252" />
            <source>Notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="253" />
            <source>Dismiss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="254" />
            <source>Dismiss notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="255" />
            <source>Main area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="256" />
            <source>Sidebar and conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="314" />
            <source>History is not being saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="323" />
            <source>Choose a model…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="330" />
            <source>%1 (your model)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="335" />
            <source>The model catalogue could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="338" />
            <source>%1 ↗ leaves this PC</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="342" />
            <source>Diagnostic model (checks the installation; replies are random text)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="359" />
            <source>Stop the current reply before changing the model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="372" />
            <source>Loading the model…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="392" />
            <source>The diagnostic model is loaded. It only checks the installation: its replies are random text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="407" />
            <source>Your organisation does not allow importing models.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="409" />
            <source>Import a model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="410" />
            <source>GGUF models (*.gguf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="435" />
            <source>The model was not imported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="565" />
            <source>The conversation is longer than the model's context: the oldest %1 messages were left out of this reply.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="581" />
            <source>The reply failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="604" />
            <source>Delete message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="605" />
            <source>Delete this message and everything after it in this version?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Models</name>
        <message>
            <location filename="../app/model_resolver.py" line="82" />
            <source>No model is configured. Pass -m with a .gguf file or a catalogue id, or ask IT to set a default model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/importing.py" line="67" />
            <source>Import cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/importing.py" line="97" />
            <source>Your organisation does not allow importing models.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/importing.py" line="104" />
            <source>The id '%1' is already in use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/importing.py" line="115" />
            <source>A file named %1 already exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/verification.py" line="207" />
            <source>No model with the id or path '%1'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/verification.py" line="211" />
            <source>'%1' is not in the IT model catalogue or your imported models, and your organisation only allows verified models.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/verification.py" line="214" />
            <source>This model file has not been verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/verification.py" line="218" />
            <source>The model file for '%1' is missing: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/models/verification.py" line="221" />
            <source>The file for '%1' does not match its recorded SHA-256 (expected %2, found %3); it may be damaged or replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="68" />
            <source>Loading was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="70" />
            <source>The model file cannot be used: %1. Choose another file or ask IT for a verified copy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="73" />
            <source>No allowed compute device can run this model: %1. Check Settings → Compute device, or ask IT.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="76" />
            <source>The model could not be loaded: %1. Close other programs to free memory, or choose a smaller model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="78" />
            <source>The model could not be loaded: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="173" />
            <source>Diagnostic model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="180" />
            <source>On-premises server</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ModelsCommand</name>
        <message>
            <location filename="../app/cli/models_cmds.py" line="26" />
            <source>list, inspect, import and verify models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="29" />
            <source>models from the IT catalogue and your own</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="33" />
            <source>facts about a GGUF file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="36" />
            <source>also compute the SHA-256</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="39" />
            <source>copy a GGUF file into your models and record its hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="43" />
            <source>register the file where it is</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="47" />
            <source>check SHA-256 against the catalogue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="49" />
            <source>re-hash even if the file is unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="96" />
            <source>warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="114" />
            <source>No models. The IT catalogue is read from %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="117" />
            <source>NAME</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="117" />
            <source>PATH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="117" />
            <source>SOURCE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="117" />
            <source>STATE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="138" />
            <source>Hashing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="159" />
            <source>No such file: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="164" />
            <source>Copying</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="175" />
            <source>Already listed as %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="186" />
            <source>No model with the id '%1'.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../app/cli/models_cmds.py" line="204" />
            <source>%n model(s) failed verification: </source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>PolicyCommand</name>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="18" />
            <source>show settings and managed policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="20" />
            <source>effective value, source and lock of every setting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="21" />
            <source>print one JSON object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="40" />
            <source>locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SETTING</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SOURCE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>VALUE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="42" />
            <source>LOCKED</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="48" />
            <source>warning</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RemoteEndpoints</name>
        <message>
            <location filename="../app/remote_endpoints.py" line="103" />
            <source>Remote endpoints are turned off by your organisation's policy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="109" />
            <source>The endpoint address must be an https:// URL with a host name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="113" />
            <source>The endpoint address must not contain a user name or password; save the access token in the keyring instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="118" />
            <source>Plain http:// is refused for a server on another machine: text would cross the network unencrypted. Use https://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="123" />
            <source>The host %1 is not on your organisation's list of allowed servers.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="148" />
            <source>Access tokens may not be written in settings or policy files (field %1); save them in the system keyring.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="155" />
            <source>An endpoint needs an id without '/'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="157" />
            <source>The endpoint %1 has no URL.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="191" />
            <source>Text leaves this PC for the on-premises server %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="214" />
            <source>Not a remote model reference: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="218" />
            <source>A remote model is written remote:&lt;endpoint&gt;/&lt;model&gt;.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="230" />
            <source>No remote endpoint named %1 is configured.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="249" />
            <source>The system keyring is not available (%1); the access token cannot be used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="266" />
            <source>The access token is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="312" />
            <source>not encrypted (http)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="315" />
            <source>verified: %1, %2; issuer %3; expires %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="318" />
            <source>failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="319" />
            <source>unknown (not connected)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="337" />
            <source>not checked</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Selftest</name>
        <message>
            <location filename="../app/selftest.py" line="127" />
            <source>build diagnostic model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/selftest.py" line="128" />
            <source>load</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/selftest.py" line="129" />
            <source>chat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/selftest.py" line="130" />
            <source>cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/selftest.py" line="131" />
            <source>history round-trip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/selftest.py" line="137" />
            <source>skipped after an earlier failure</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../app/settings/declarations.py" line="157" />
            <source>expected true or false</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="162" />
            <source>below the minimum %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="164" />
            <source>above the maximum %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="169" />
            <source>expected a whole number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="176" />
            <source>expected a number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="183" />
            <source>expected text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="185" />
            <source>longer than %1 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="187" />
            <source>does not match %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="193" />
            <source>expected one of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="199" />
            <source>expected a list of non-empty texts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="203" />
            <source>list item does not match %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="219" />
            <source>expected a list of endpoint objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="224" />
            <source>each endpoint must be an object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="227" />
            <source>unknown endpoint fields</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="230" />
            <source>endpoint needs '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="232" />
            <source>endpoint id must be 1-64 letters, digits, '_', '.' or '-'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="234" />
            <source>duplicate endpoint id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="238" />
            <source>endpoint url must be an http(s) URL with a host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="243" />
            <source>display_name must be text or {language: text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="246" />
            <source>models must be a list of model names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="249" />
            <source>%1 must be text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="270" />
            <source>Interface language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="271" />
            <source>Language of menus and messages; 'system' follows the Windows or desktop language.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="275" />
            <source>Reply language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="276" />
            <source>Language and script the assistant is asked to answer in; 'auto' answers in the language of the question.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="280" />
            <source>Light or dark colours, or follow the system.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="280" />
            <source>Theme</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="283" />
            <source>Font size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="283" />
            <source>Size of the conversation text, in points.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="287" />
            <source>Default model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="288" />
            <source>Catalogue id of the model a new conversation uses; empty uses the model the catalogue marks as default.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="292" />
            <source>Context length</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="293" />
            <source>Tokens of conversation the model keeps in view; 0 uses the model's own length. Longer contexts use more memory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="297" />
            <source>System prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="298" />
            <source>Instructions given to the model before every conversation; empty uses the catalogue's prompt for the model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="302" />
            <source>Randomness of replies; lower is more predictable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="302" />
            <source>Temperature</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="305" />
            <source>Sample only from the most likely tokens that together reach this probability.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="305" />
            <source>Top-p</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="309" />
            <source>Sample only from this many most likely tokens; 0 disables the limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="309" />
            <source>Top-k</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="313" />
            <source>Drop tokens less likely than this fraction of the most likely one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="313" />
            <source>Min-p</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="317" />
            <source>Discourage repeating recent tokens; 1.0 is off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="317" />
            <source>Repeat penalty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="320" />
            <source>Maximum reply length</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="321" />
            <source>Most tokens one reply (reasoning included) may use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="324" />
            <source>Random seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="325" />
            <source>Fixed seed for repeatable replies; -1 picks a new one each time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="329" />
            <source>Compute device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="330" />
            <source>'auto' picks the best allowed device, 'cpu' uses the processor only, or a device id from 'bauhinia doctor'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="334" />
            <source>Allowed compute devices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="335" />
            <source>Backends or device ids the application may use (for example cpu, CUDA0, Vulkan0); empty allows all.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="339" />
            <source>GPU layers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="340" />
            <source>Model layers placed on the GPU; -1 decides from the free memory, 0 keeps the model on the processor.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="344" />
            <source>Processor threads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="345" />
            <source>Threads used for generation; 0 uses the number of physical cores.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="348" />
            <source>Conversation memory budget (MB)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="349" />
            <source>Memory kept for switching back to recent conversations without re-reading them; 0 disables it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="354" />
            <source>Keep conversation history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="355" />
            <source>Save conversations on this computer so they can be searched and reopened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="358" />
            <source>Keep history for (days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="359" />
            <source>Conversations older than this are deleted; 0 keeps them until deleted by hand.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="362" />
            <source>History encryption</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="363" />
            <source>'required': history is always encrypted; 'preferred': encrypted when a key can be kept in the system keyring; 'off': not encrypted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="368" />
            <source>Without a keyring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="369" />
            <source>What to do when encryption is wanted but no system keyring is available: refuse to keep history, ask for a passphrase, or keep it unencrypted with a warning.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="374" />
            <source>Allow exporting conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="375" />
            <source>Whether conversations may be exported to files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="379" />
            <source>Model catalogue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="380" />
            <source>Path of the IT model catalogue (models.json); empty uses the standard location.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="383" />
            <source>Imported models folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="384" />
            <source>Folder where imported models are copied; empty uses the user's data folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="387" />
            <source>Allow users to import models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="388" />
            <source>Whether users may add model files that are not in the IT catalogue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="391" />
            <source>Require verified models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="392" />
            <source>Load only model files whose SHA-256 matches the catalogue or the hash recorded when they were imported; other files are refused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="397" />
            <source>Allow remote endpoints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="398" />
            <source>Whether the application may send conversations to an on-premises OpenAI-compatible server instead of running models locally.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="402" />
            <source>Allowed remote hosts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="403" />
            <source>Host names (optionally with :port, '*.' for sub-domains) remote endpoints may use; empty allows none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="408" />
            <source>Allow unencrypted HTTP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="409" />
            <source>Whether remote endpoints may use plain http:// instead of https://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="412" />
            <source>Remote endpoints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="413" />
            <source>On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle and proxy. Access tokens are kept in the system keyring, never here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="164" />
            <source>unknown policy value name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="171" />
            <source>unknown setting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="237" />
            <source>%1 (ignored)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="241" />
            <source>only an administrator may set this (ignored)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="250" />
            <source>invalid value in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="252" />
            <source>%1; failing closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="256" />
            <source>%1; ignored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="266" />
            <source>the file must hold one JSON object of setting names and values</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="287" />
            <source>cannot list policy folder: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="295" />
            <source>unreadable or malformed policy: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="307" />
            <source>cannot read policy key: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="313" />
            <source>policy could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="345" />
            <source>unreadable or malformed site defaults: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="355" />
            <source>cannot read site defaults key: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="371" />
            <source>unreadable or malformed settings file: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="395" />
            <source>unknown setting (ignored)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/store.py" line="69" />
            <source>Managed by your organisation (policy unreadable; safest value used)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/store.py" line="71" />
            <source>Managed by your organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/store.py" line="73" />
            <source>Set by your administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/store.py" line="163" />
            <source>'%1' is managed by your organisation and cannot be changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/settings/store.py" line="169" />
            <source>'%1' can only be set by an administrator.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="104" />
            <location filename="../app/ui/settings_dialog.py" line="105" />
            <location filename="../app/ui/settings_dialog.py" line="210" />
            <location filename="../app/ui/settings_dialog.py" line="225" />
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="121" />
            <source>Takes effect after a restart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="211" />
            <source>%1 was not changed: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="226" />
            <source>These changes take effect after Bauhinia restarts: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../app/ui/sidebar.py" line="314" />
            <location filename="../app/ui/sidebar.py" line="315" />
            <source>New chat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="316" />
            <source>Start a new conversation (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="317" />
            <source>Search conversations (Ctrl+K)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="318" />
            <source>Search conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="320" />
            <source>Clear search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="321" />
            <source>Conversations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="322" />
            <source>Conversation deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="323" />
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="324" />
            <source>Undo delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="335" />
            <source>Pinned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="336" />
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="337" />
            <source>Yesterday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="338" />
            <source>Previous 7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="339" />
            <source>Previous 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="340" />
            <source>Older</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="407" />
            <source>Conversation actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="408" />
            <source>Rename…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="410" />
            <source>Pin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="410" />
            <source>Unpin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="412" />
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="414" />
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="425" />
            <source>New name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="425" />
            <source>Rename conversation</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../app/ui/status.py" line="52" />
            <source>Model in use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="53" />
            <source>Backend and device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="54" />
            <source>Speed of the last reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="55" />
            <source>Context used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="56" />
            <source>Model loading progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="57" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="58" />
            <source>Cancel loading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="67" />
            <source>Model: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="67" />
            <location filename="../app/ui/status.py" line="68" />
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="70" />
            <source>%1 on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="71" />
            <source>Backend: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="72" />
            <source>%1 tokens/s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="76" />
            <source>Context %p%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="78" />
            <source>%1 of %2 tokens of context used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/status.py" line="81" />
            <source>The context is nearly full: older messages will be left out. Start a new chat to keep everything in view.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <location filename="../app/ui/transcript.py" line="209" />
            <source>Conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="211" />
            <source>Copy code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="212" />
            <source>Thinking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="213" />
            <source>Thinking (%1 s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="214" />
            <source>Image not loaded: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="216" />
            <source>You</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="217" />
            <source>Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="219" />
            <source>Stopped. The text so far is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="220" />
            <source>Interrupted: the application closed while this reply was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="221" />
            <source>The reply failed: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../app/ui/welcome.py" line="44" />
            <source>Welcome to Bauhinia 紫荊助手</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="45" />
            <source>Bauhinia answers, drafts, summarises and translates entirely on this computer: nothing you type leaves it. To start, it needs a language model file (GGUF).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="48" />
            <source>Models approved by your IT department appear in the model list at the top once IT has set up the catalogue. If the list is empty, ask IT which model to use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="51" />
            <source>Import a GGUF model file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="52" />
            <source>Import a GGUF model file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="53" />
            <source>Your organisation does not allow importing model files; models come from the IT catalogue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="55" />
            <location filename="../app/ui/welcome.py" line="56" />
            <source>Try the diagnostic model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="57" />
            <source>The diagnostic model only checks that this installation works. Its replies are random text, not answers.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
