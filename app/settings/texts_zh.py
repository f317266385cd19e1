# ruff: noqa: E501  (CJK text is counted at double width; the table reads better unwrapped)
"""Chinese labels and descriptions for the generated ADMX/ADML and admin guide.

Hong Kong Traditional (zh-HK) and Mainland Simplified (zh-CN), per DESIGN §6 wording. Kept here
until the Qt ``.ts`` translations exist; a later change will feed both from one place.
"""

from __future__ import annotations

# key → (zh_HK label, zh_HK description, zh_CN label, zh_CN description)
SETTING_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "ui.language": (
        "介面語言", "選單及訊息所用的語言；「system」跟隨 Windows 或桌面的語言設定。",
        "界面语言", "菜单和消息使用的语言；“system”跟随 Windows 或桌面的语言设置。"),
    "reply.language": (
        "回覆語言", "要求助手以哪種語言及文字回答；「auto」以提問的語言回答。",
        "回复语言", "要求助手使用的回答语言和文字；“auto”使用提问的语言回答。"),
    "ui.theme": (
        "主題", "淺色或深色，或跟隨系統設定。",
        "主题", "浅色或深色，或跟随系统设置。"),
    "ui.font_size": (
        "字體大小", "對話文字的大小（點）。",
        "字体大小", "对话文字的大小（磅）。"),
    "model.default": (
        "預設模型", "新對話使用的模型目錄編號；留空則使用目錄標示為預設的模型。",
        "默认模型", "新对话使用的模型目录 ID；留空则使用目录中标为默认的模型。"),
    "model.context_length": (
        "上下文長度", "模型可顧及的對話記號（token）數目；0 表示使用模型本身的長度。上下文越長，佔用記憶體越多。",
        "上下文长度", "模型可顾及的对话词元（token）数；0 表示使用模型自身的长度。上下文越长，占用内存越多。"),
    "chat.system_prompt": (
        "系統提示", "每次對話前給模型的指示；留空則使用目錄為該模型設定的提示。",
        "系统提示词", "每次对话前给模型的指示；留空则使用目录为该模型设置的提示词。"),
    "sampling.temperature": (
        "溫度", "回覆的隨機程度；數值越低越穩定。",
        "温度", "回复的随机程度；数值越低越稳定。"),
    "sampling.top_p": (
        "Top-p", "只從合計機率達到此值的最可能記號中抽樣。",
        "Top-p", "只从累计概率达到此值的最可能词元中采样。"),
    "sampling.top_k": (
        "Top-k", "只從最可能的這麼多個記號中抽樣；0 表示不設上限。",
        "Top-k", "只从最可能的这么多个词元中采样；0 表示不设上限。"),
    "sampling.min_p": (
        "Min-p", "捨棄機率低於最可能記號此比例的記號。",
        "Min-p", "舍弃概率低于最可能词元此比例的词元。"),
    "sampling.repeat_penalty": (
        "重複懲罰", "減少重複近期出現的記號；1.0 表示關閉。",
        "重复惩罚", "减少重复近期出现的词元；1.0 表示关闭。"),
    "sampling.max_tokens": (
        "回覆長度上限", "每個回覆（包括思考過程）最多可用的記號數目。",
        "回复长度上限", "每个回复（包括思考过程）最多可用的词元数。"),
    "sampling.seed": (
        "隨機種子", "固定種子可令回覆重現；-1 表示每次另選。",
        "随机种子", "固定种子可使回复可复现；-1 表示每次重新选择。"),
    "backend.choice": (
        "運算裝置", "「auto」自動選用最佳的許可裝置，「cpu」只用處理器，或填寫「bauhinia doctor」列出的裝置編號。",
        "计算设备", "“auto”自动选用最佳的允许设备，“cpu”只用处理器，或填写“bauhinia doctor”列出的设备 ID。"),
    "backend.allow_list": (
        "許可的運算裝置", "應用程式可使用的後端或裝置編號（例如 cpu、CUDA0、Vulkan0）；留空表示全部許可。",
        "允许的计算设备", "应用程序可使用的后端或设备 ID（例如 cpu、CUDA0、Vulkan0）；留空表示全部允许。"),
    "backend.gpu_layers": (
        "GPU 層數", "放在 GPU 上的模型層數；-1 按可用記憶體決定，0 令模型只在處理器上執行。",
        "GPU 层数", "放在 GPU 上的模型层数；-1 根据可用显存决定，0 使模型只在处理器上运行。"),
    "backend.threads": (
        "處理器執行緒", "生成回覆時最多使用的執行緒數目；0 表示按實體核心數目。其他程式佔用核心時會自動減少。",
        "处理器线程", "生成回复时最多使用的线程数；0 表示使用物理核心数。其他程序占用核心时会自动减少。"),
    "engine.kv_snapshot_budget_mb": (
        "對話記憶預算（MB）", "保留作快速切換回最近對話的記憶體，免得重新讀取；0 表示停用。",
        "对话缓存预算（MB）", "用于快速切换回最近对话、无需重新读取的内存；0 表示停用。"),
    "engine.kv_keep_mb": (
        "重新啟動後保留上一個對話的記憶（MB）",
        "關閉程式或模型時，上一個對話的模型狀態會以記錄密鑰加密保存，重新啟動後的第一個回覆毋須重新讀取整個對話；"
        "0 表示停用。記錄未以系統密鑰圈加密時，不會保存任何內容。",
        "重新启动后保留上一个对话的记忆（MB）",
        "关闭程序或模型时，上一个对话的模型状态会用历史记录密钥加密保存，重新启动后的第一个回复无需重新读取整个对话；"
        "0 表示停用。历史记录未用系统密钥环加密时，不会保存任何内容。"),
    "engine.prompt_lookup": (
        "加快複製提示內容", "從提示及附件推測接下來的字詞，並一次核對多個；回覆內容不變，只在重用提示內容時更快。",
        "加快复制提示内容", "从提示和附件推测接下来的字词，并一次核对多个；回复内容不变，只在重复提示内容时更快。"),
    "history.enabled": (
        "保留對話記錄", "把對話儲存在這部電腦上，以便搜尋及重新開啟。",
        "保留历史记录", "将对话保存在这台电脑上，以便搜索和重新打开。"),
    "history.retention_days": (
        "記錄保留日數", "超過此日數的對話會被刪除；0 表示保留至手動刪除。",
        "历史记录保留天数", "超过此天数的对话将被删除；0 表示保留到手动删除为止。"),
    "history.encryption": (
        "對話記錄加密", "「required」：記錄必定加密；「preferred」：可把金鑰存放在系統密碼庫時加密；「off」：不加密。",
        "历史记录加密", "“required”：历史记录始终加密；“preferred”：可将密钥保存在系统密钥环时加密；“off”：不加密。"),
    "history.keyring_fallback": (
        "沒有系統密碼庫時", "需要加密但沒有系統密碼庫時的處理方式：不保留記錄、要求輸入密碼短語，或不加密保留並顯示警告。",
        "没有系统密钥环时", "需要加密但没有系统密钥环时的处理方式：不保留历史记录、要求输入密码短语，或不加密保留并显示警告。"),
    "history.export_allowed": (
        "允許匯出對話", "可否把對話匯出為檔案。",
        "允许导出对话", "是否允许将对话导出为文件。"),
    "models.catalog_path": (
        "模型目錄", "資訊科技部門模型目錄（models.json）的路徑；留空則使用標準位置。路徑中的環境變數會被展開，而路徑必須為絕對路徑；非管理員可修改的目錄檔案會被拒絕。",
        "模型目录", "IT 部门模型目录（models.json）的路径；留空则使用标准位置。路径中的环境变量会被展开，路径必须是绝对路径；非管理员可以修改的目录文件会被拒绝。"),
    "models.directory": (
        "匯入模型資料夾", "匯入的模型會複製到此資料夾；留空則使用用戶的資料夾。路徑中的環境變數會被展開，而路徑必須為絕對路徑。",
        "导入模型文件夹", "导入的模型将复制到此文件夹；留空则使用用户数据文件夹。路径中的环境变量会被展开，路径必须是绝对路径。"),
    "models.user_import_allowed": (
        "允許用戶匯入模型", "用戶可否加入不在資訊科技部門目錄內的模型檔案。",
        "允许用户导入模型", "用户是否可以添加不在 IT 部门目录中的模型文件。"),
    "models.require_verification": (
        "只准使用已核實的模型", "只載入 SHA-256 與目錄或匯入時記錄的雜湊值相符的模型檔案；其他檔案一律拒絕。",
        "只允许已验证的模型", "只加载 SHA-256 与目录或导入时记录的哈希值相符的模型文件；其他文件一律拒绝。"),
    "glossary.path": (
        "術語詞彙表", "CSV 或 TSV 詞彙表（欄位 en、zh_HK、zh_CN 及可選的 note），或存放這些檔案的資料夾：輸入中出現的詞語連同核准譯名交給模型，並檢查回覆有否採用。留空則使用管理員設定資料夾內的「glossary」資料夾（如有）。路徑中的環境變數會被展開，而路徑必須為絕對路徑。",
        "术语词汇表", "CSV 或 TSV 词汇表（列 en、zh_HK、zh_CN 及可选的 note），或存放这些文件的文件夹：输入中出现的术语连同核准译名交给模型，并检查回复是否采用。留空则使用管理员配置文件夹中的“glossary”文件夹（如存在）。路径中的环境变量会被展开，路径必须是绝对路径。"),
    "audit.enabled": (
        "保留審計記錄", "把誰載入了哪個模型、完成的回覆（記號數目）、匯出、匯入、刪除、管理政策拒絕的操作及加入的文件（名稱及 SHA-256）記錄在以雜湊串連的記錄檔中；絕不記錄訊息或文件的內容。無法寫入記錄的操作會被停止。管理政策一旦開啟，用戶便不能關閉。",
        "保留审计日志", "将谁加载了哪个模型、完成的回复（词元数）、导出、导入、删除、被策略拒绝的操作及添加的文档（名称和 SHA-256）记录在以哈希串联的日志中；绝不记录消息或文档的内容。无法写入日志的操作会被停止。策略一旦开启，用户便不能关闭。"),
    "audit.path": (
        "審計記錄資料夾", "審計記錄所在的資料夾（audit.jsonl；寫滿的檔案改名為 audit.000001.jsonl 等）；留空則使用用戶資料夾內的「audit」。請為每位用戶使用獨立資料夾，例如 %LOCALAPPDATA% 之下。路徑中的環境變數會被展開，而路徑必須為絕對路徑。",
        "审计日志文件夹", "审计日志所在的文件夹（audit.jsonl；写满的文件改名为 audit.000001.jsonl 等）；留空则使用用户数据文件夹中的“audit”。请为每位用户使用单独的文件夹，例如 %LOCALAPPDATA% 之下。路径中的环境变量会被展开，路径必须是绝对路径。"),
    "audit.max_bytes": (
        "審計記錄檔案大小（位元組）", "審計記錄檔達到此大小便開始新檔案；新檔案延續雜湊串連，舊檔案會保留。",
        "审计日志文件大小（字节）", "审计日志文件达到此大小时开始新文件；新文件延续哈希串联，旧文件会保留。"),
    "documents.enabled": (
        "允許使用文件", "可否把檔案附加到訊息及加入文件庫。文件內容只會保存在已加密的記錄資料庫內。",
        "允许使用文档", "是否可以把文件附加到消息及添加到文档库。文档内容只保存在已加密的历史记录数据库中。"),
    "documents.max_file_mb": (
        "文件大小上限（MB）", "大於此大小的檔案不會被讀取、附加或編入索引。",
        "文档大小上限（MB）", "大于此大小的文件不会被读取、附加或编入索引。"),
    "documents.library_folders": (
        "共用文件庫資料夾", "每位用戶的文件庫都會編入索引的資料夾（例如檔案伺服器上部門的通告）；用戶不能移除。請使用絕對路徑。",
        "共享文档库文件夹", "每位用户的文档库都会编入索引的文件夹（例如文件服务器上部门的通告）；用户不能移除。请使用绝对路径。"),
    "documents.user_folders_allowed": (
        "允許用戶加入文件庫資料夾", "用戶可否把自己的檔案及資料夾加入文件庫；無論如何，共用文件庫資料夾都會編入索引。",
        "允许用户添加文档库文件夹", "用户是否可以把自己的文件和文件夹添加到文档库；无论如何，共享文档库文件夹都会编入索引。"),
    "documents.embedding_model": (
        "文件庫的嵌入模型", "模型目錄中嵌入模型（\"role\": \"embedding\"，例如多語言 bge-m3 GGUF）的 ID。設定後，文件庫段落亦會"
        "產生向量，儲存在加密的記錄資料庫內，搜尋時與關鍵字排序合併。留空則只用關鍵字排序。",
        "文档库的嵌入模型", "模型目录中嵌入模型（\"role\": \"embedding\"，例如多语言 bge-m3 GGUF）的 ID。设置后，文档库段落也会"
        "生成向量，保存在加密的历史记录数据库中，搜索时与关键词排序合并。留空则只用关键词排序。"),
    "remote.allowed": (
        "允許遠端伺服器", "應用程式可否把對話傳送到機構內部、與 OpenAI 相容的伺服器，而非在本機執行模型。",
        "允许远程服务器", "应用程序是否可以将对话发送到机构内部兼容 OpenAI 的服务器，而不是在本机运行模型。"),
    "remote.allowed_hosts": (
        "許可的遠端主機", "遠端伺服器可使用的主機名稱（可加 :埠號，「*.」代表子網域）；留空表示一律不許可。",
        "允许的远程主机", "远程服务器可使用的主机名（可加 :端口，“*.”代表子域名）；留空表示一律不允许。"),
    "remote.allow_insecure_http": (
        "允許未加密的 HTTP", "遠端伺服器可否使用 http:// 而非 https://。",
        "允许未加密的 HTTP", "远程服务器是否可以使用 http:// 而不是 https://。"),
    "remote.endpoints": (
        "遠端伺服器", "機構內部與 OpenAI 相容的伺服器：編號、網址、顯示名稱、模型、CA 憑證及代理伺服器。"
        "CA 憑證及代理伺服器只在由管理政策或網站預設值設定時才會採用。存取權杖只存放在系統密碼庫，不會寫在這裏。",
        "远程服务器", "机构内部兼容 OpenAI 的服务器：ID、网址、显示名称、模型、CA 证书和代理服务器。"
        "CA 证书和代理服务器只有在由策略或站点默认值设置时才会采用。访问令牌只保存在系统密钥环中，不会写在这里。"),
    "presets.path": (
        "工作範本檔案", "機構的 presets.json（工作範本，包括系統提示、取樣設定、回覆語言、詞彙表及參考文件；結構定義見 presets.schema.json）。留空則使用模型目錄旁的 presets.json。其中的範本已鎖定；非管理員可修改的檔案會被拒絕。路徑中的環境變數會被展開，而路徑必須為絕對路徑。",
        "工作模板文件", "机构的 presets.json（工作模板，包括系统提示、采样设置、回复语言、词汇表和参考文件；结构定义见 presets.schema.json）。留空则使用模型目录旁的 presets.json。其中的模板已锁定；非管理员可以修改的文件会被拒绝。路径中的环境变量会被展开，路径必须是绝对路径。"),
    "presets.user_allowed": (
        "允許用戶自訂範本", "除內置及機構提供的工作範本外，用戶可否加入自己的範本。",
        "允许用户自定义模板", "除内置及机构提供的工作模板外，用户是否可以添加自己的模板。"),
}

# choice value → (en, zh_HK, zh_CN)
CHOICE_TEXTS: dict[str, tuple[str, str, str]] = {
    "system": ("Follow the system", "跟隨系統", "跟随系统"),
    "en": ("English", "English", "English"),
    "zh_HK": ("Traditional Chinese (Hong Kong)", "繁體中文（香港）", "繁体中文（香港）"),
    "zh_CN": ("Simplified Chinese", "簡體中文", "简体中文"),
    "auto": ("Automatic", "自動", "自动"),
    "light": ("Light", "淺色", "浅色"),
    "dark": ("Dark", "深色", "深色"),
    "required": ("Required", "必須加密", "必须加密"),
    "preferred": ("When possible", "盡可能加密", "尽可能加密"),
    "off": ("Off", "關閉", "关闭"),
    "refuse": ("Do not keep history", "不保留記錄", "不保留历史记录"),
    "passphrase": ("Ask for a passphrase", "要求輸入密碼短語", "要求输入密码短语"),
    "unencrypted-with-warning": ("Unencrypted, with a warning", "不加密並顯示警告", "不加密并显示警告"),
}

# ADMX category → (en, zh_HK, zh_CN)
CATEGORY_TEXTS: dict[str, tuple[str, str, str]] = {
    "Bauhinia": ("Bauhinia (紫荊助手)", "紫荊助手", "紫荆助手"),
    "Appearance": ("Appearance and language", "外觀及語言", "外观和语言"),
    "Models": ("Models and chat", "模型及對話", "模型和对话"),
    "Compute": ("Compute devices", "運算裝置", "计算设备"),
    "History": ("Conversation history", "對話記錄", "历史记录"),
    "Remote": ("Remote endpoints", "遠端伺服器", "远程服务器"),
    "Glossary": ("Terminology glossary", "術語詞彙表", "术语词汇表"),
    "Audit": ("Audit log", "審計記錄", "审计日志"),
    "Documents": ("Documents", "文件", "文档"),
    "Presets": ("Task presets", "工作範本", "工作模板"),
}

# Fixed ADML texts → (en, zh_HK, zh_CN)
FIXED_TEXTS: dict[str, tuple[str, str, str]] = {
    "display_name": ("Bauhinia policy settings", "紫荊助手管理政策設定", "紫荆助手策略设置"),
    "description": (
        "Bauhinia is offline AI assistant software. With this template administrators lock settings by "
        "managed policy; settings left unconfigured keep their default value. Remote endpoints are "
        "reached over the organisation's network only when allowed. Model files and history data stay "
        "on the computer.",
        "紫荊助手是離線運作的人工智能軟件。管理員可用此範本以管理政策鎖定設定；未設定的項目沿用預設值。"
        "只有在許可時，才會經機構網絡連接遠端伺服器。模型檔案及對話記錄資料都留在電腦上；可否匯出及是否加密亦由管理政策決定。",
        "紫荆助手是离线运行的人工智能软件。管理员可用此模板通过策略锁定设置；未配置的项目保留默认值。"
        "只有在允许时，才会经机构网络连接远程服务器。模型文件和历史记录数据都保留在电脑上；是否允许导出及是否加密也由策略决定。"),
    "supported": ("Bauhinia 0.1 or later", "紫荊助手 0.1 或以上版本", "紫荆助手 0.1 或更高版本"),
    "json_hint": ("Enter JSON.", "請輸入 JSON。", "请输入 JSON。"),
    "list_hint": ("One entry per line.", "每行一項。", "每行一项。"),
    "default": ("Default", "預設", "默认"),
    "range": ("Allowed", "許可範圍", "允许范围"),
    "registry": ("Registry value", "登錄值", "注册表值"),
    "restart": ("Takes effect after a restart.", "重新啟動後生效。", "重新启动后生效。"),
}
