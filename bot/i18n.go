package bot

import (
	"strings"
)

// texts are the bot's own words in one language.
type texts struct {
	Greeting    string // /start; %s is the user's first name
	Help        string // /help and after the greeting
	TryAsking   string // above the example buttons
	Examples    [3]string
	Featured    [3]string // questions whose answers an empty inline query offers
	NoAnswer    string    // nothing in the corpus answers the question
	KnowsAbout  string    // what the bot does know, after NoAnswer
	FromSource  string    // %s is a language name: "From a French source."
	Sources     string    // heading of the citations
	More        string    // button
	NoMore      string    // callback answer
	Thanks      string    // callback answer to a vote
	Expired     string    // callback answer on an old button
	AskEmpty    string    // /ask without a question
	NotText     string    // a sticker, a photo… in a private chat
	Flood       string    // the one notice to a user who asks too fast
	Failure     string    // something went wrong on our side
	About       string    // %s version, %d documents, %d passages, %s index date
	SourcesList string    // heading of /sources; %d documents
	InlineNone  string    // inline: nothing found
	Languages   map[string]string
	Commands    map[string]string // command → description, for setMyCommands
}

// catalog holds the bot's words in every language it speaks.
var catalog = map[string]*texts{
	"en": {
		Greeting:    "Hello, %s! I answer questions about the China–Central Asia summits and the foreign ministers' meetings of the format, with the passage that answers and its source.",
		Help:        "Ask me anything about the summits (Xi'an 2023, Astana 2025, the next one expected in 2027), the foreign ministers' meetings (2020–2025) or the secretariat. In a group, use /ask <question>, mention me or reply to one of my messages. In any chat, type @%s and your question.\n\n/ask <question> — ask a question\n/sources — the documents I answer from\n/about — version and index",
		TryAsking:   "Try one of these:",
		Examples:    [3]string{"When was the first summit?", "Where will the next summit take place?", "Who chaired the fifth foreign ministers' meeting?"},
		Featured:    [3]string{"Which China–Central Asia summits have been held?", "When is the next China–Central Asia summit?", "What was the Xi'an Declaration?"},
		NoAnswer:    "I couldn't find an answer to that in my sources.",
		KnowsAbout:  "I know about the China–Central Asia summits (Xi'an 2023, Astana 2025, the next one expected in China in 2027), the foreign ministers' meetings from 2020 to 2025, and the format's secretariat.",
		FromSource:  "From a %s source.",
		Sources:     "Sources",
		More:        "More ›",
		NoMore:      "That's all I have on this question.",
		Thanks:      "Thanks for your feedback!",
		Expired:     "This answer has expired; please ask again.",
		AskEmpty:    "Please add your question after the command, for example: /ask When was the first summit?",
		NotText:     "I can only read text questions. Try: When was the first summit?",
		Flood:       "You're asking faster than I can answer. Please wait a minute before the next question.",
		Failure:     "Sorry, something went wrong on my side. Please try again in a moment.",
		About:       "SummitBot %s\nCorpus: %d documents, %d passages\nIndex built: %s",
		SourcesList: "I answer from these %d documents:",
		InlineNone:  "No answer found — tap to ask me in a private chat",
		Languages:   map[string]string{"en": "English", "fr": "French", "ru": "Russian", "zh": "Chinese"},
		Commands: map[string]string{"start": "Start and see example questions", "help": "How to ask", "ask": "Ask a question",
			"sources": "The documents I answer from", "about": "Version and index"},
	},
	"fr": {
		Greeting:    "Bonjour, %s ! Je réponds aux questions sur les sommets Chine–Asie centrale et les réunions des ministres des Affaires étrangères du format, avec le passage qui répond et sa source.",
		Help:        "Posez-moi vos questions sur les sommets (Xi'an 2023, Astana 2025, le prochain attendu en 2027), les réunions des ministres des Affaires étrangères (2020–2025) ou le secrétariat. Dans un groupe, utilisez /ask <question>, mentionnez-moi ou répondez à l'un de mes messages. Dans n'importe quelle conversation, tapez @%s et votre question.\n\n/ask <question> — poser une question\n/sources — les documents d'où viennent mes réponses\n/about — version et index",
		TryAsking:   "Essayez par exemple :",
		Examples:    [3]string{"Quand a eu lieu le premier sommet ?", "Où aura lieu le prochain sommet ?", "Qui a présidé la cinquième réunion des ministres ?"},
		Featured:    [3]string{"Quels sommets Chine–Asie centrale ont eu lieu ?", "Quand aura lieu le prochain sommet Chine–Asie centrale ?", "Qu'est-ce que la Déclaration de Xi'an ?"},
		NoAnswer:    "Je n'ai pas trouvé de réponse à cette question dans mes sources.",
		KnowsAbout:  "Je connais les sommets Chine–Asie centrale (Xi'an 2023, Astana 2025, le prochain attendu en Chine en 2027), les réunions des ministres des Affaires étrangères de 2020 à 2025 et le secrétariat du format.",
		FromSource:  "D'après une source en %s.",
		Sources:     "Sources",
		More:        "Plus ›",
		NoMore:      "C'est tout ce que j'ai sur cette question.",
		Thanks:      "Merci pour votre avis !",
		Expired:     "Cette réponse a expiré ; reposez la question.",
		AskEmpty:    "Ajoutez votre question après la commande, par exemple : /ask Quand a eu lieu le premier sommet ?",
		NotText:     "Je ne lis que les questions écrites. Essayez : Quand a eu lieu le premier sommet ?",
		Flood:       "Vous posez des questions plus vite que je ne peux répondre. Merci d'attendre une minute avant la suivante.",
		Failure:     "Désolé, un problème est survenu de mon côté. Réessayez dans un instant.",
		About:       "SummitBot %s\nCorpus : %d documents, %d passages\nIndex construit : %s",
		SourcesList: "Je réponds à partir de ces %d documents :",
		InlineNone:  "Pas de réponse — touchez pour me demander en privé",
		Languages:   map[string]string{"en": "anglais", "fr": "français", "ru": "russe", "zh": "chinois"},
		Commands: map[string]string{"start": "Démarrer et voir des exemples", "help": "Comment poser une question", "ask": "Poser une question",
			"sources": "Les documents d'où viennent mes réponses", "about": "Version et index"},
	},
	"ru": {
		Greeting:    "Здравствуйте, %s! Я отвечаю на вопросы о саммитах «Центральная Азия — Китай» и встречах министров иностранных дел этого формата и привожу отрывок с ответом и его источник.",
		Help:        "Спрашивайте о саммитах (Сиань 2023, Астана 2025, следующий ожидается в 2027 году), о встречах министров иностранных дел (2020–2025) или о секретариате. В группе используйте /ask <вопрос>, упомяните меня или ответьте на моё сообщение. В любом чате наберите @%s и вопрос.\n\n/ask <вопрос> — задать вопрос\n/sources — документы, на которых основаны ответы\n/about — версия и индекс",
		TryAsking:   "Попробуйте, например:",
		Examples:    [3]string{"Когда прошёл первый саммит?", "Где пройдёт следующий саммит?", "Кто председательствовал на пятой встрече министров?"},
		Featured:    [3]string{"Какие саммиты «Центральная Азия — Китай» уже прошли?", "Когда пройдёт следующий саммит «Центральная Азия — Китай»?", "Что такое Сианьская декларация?"},
		NoAnswer:    "Я не нашёл ответа на этот вопрос в своих источниках.",
		KnowsAbout:  "Я знаю о саммитах «Центральная Азия — Китай» (Сиань 2023, Астана 2025, следующий ожидается в Китае в 2027 году), о встречах министров иностранных дел с 2020 по 2025 год и о секретариате формата.",
		FromSource:  "По источнику на %s языке.",
		Sources:     "Источники",
		More:        "Ещё ›",
		NoMore:      "Больше по этому вопросу у меня ничего нет.",
		Thanks:      "Спасибо за отзыв!",
		Expired:     "Этот ответ устарел; задайте вопрос ещё раз.",
		AskEmpty:    "Напишите вопрос после команды, например: /ask Когда прошёл первый саммит?",
		NotText:     "Я понимаю только текстовые вопросы. Попробуйте: Когда прошёл первый саммит?",
		Flood:       "Вы задаёте вопросы быстрее, чем я успеваю отвечать. Подождите, пожалуйста, минуту.",
		Failure:     "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
		About:       "SummitBot %s\nКорпус: %d документов, %d отрывков\nИндекс построен: %s",
		SourcesList: "Я отвечаю по этим документам (%d):",
		InlineNone:  "Ответ не найден — нажмите, чтобы спросить в личном чате",
		Languages:   map[string]string{"en": "английском", "fr": "французском", "ru": "русском", "zh": "китайском"},
		Commands: map[string]string{"start": "Начать и посмотреть примеры", "help": "Как задавать вопросы", "ask": "Задать вопрос",
			"sources": "Документы, на которых основаны ответы", "about": "Версия и индекс"},
	},
	"zh": {
		Greeting:    "%s，您好！我可以回答有关中国—中亚峰会和中国—中亚外长会晤的问题，并给出答案所在的段落及其来源。",
		Help:        "您可以问我关于峰会（2023年西安、2025年阿斯塔纳、预计2027年举行的下一届）、外长会晤（2020—2025年）或秘书处的问题。在群组中，请使用 /ask <问题>、@提及我或回复我的消息。在任何聊天中，输入 @%s 加上问题即可。\n\n/ask <问题> — 提问\n/sources — 我所依据的文件\n/about — 版本和索引",
		TryAsking:   "可以试试这些问题：",
		Examples:    [3]string{"首届中国—中亚峰会是什么时候举行的？", "下一届峰会在哪里举行？", "谁主持了第五次外长会晤？"},
		Featured:    [3]string{"中国—中亚峰会已经举行了哪几届？", "下一届中国—中亚峰会什么时候举行？", "西安宣言是什么？"},
		NoAnswer:    "我在资料中没有找到这个问题的答案。",
		KnowsAbout:  "我了解中国—中亚峰会（2023年西安、2025年阿斯塔纳，下一届预计2027年在中国举行）、2020年至2025年的外长会晤以及该机制的秘书处。",
		FromSource:  "根据%s资料。",
		Sources:     "来源",
		More:        "更多 ›",
		NoMore:      "关于这个问题，我只有这些内容。",
		Thanks:      "感谢您的反馈！",
		Expired:     "这个回答已过期，请重新提问。",
		AskEmpty:    "请在命令后写上问题，例如：/ask 首届峰会是什么时候举行的？",
		NotText:     "我只能读懂文字问题。试试：首届峰会是什么时候举行的？",
		Flood:       "您提问的速度太快了，请等一分钟再问下一个问题。",
		Failure:     "抱歉，我这边出了点问题，请稍后再试。",
		About:       "SummitBot %s\n语料：%d 份文件，%d 个段落\n索引建立时间：%s",
		SourcesList: "我依据以下 %d 份文件回答：",
		InlineNone:  "未找到答案 — 点击在私聊中提问",
		Languages:   map[string]string{"en": "英文", "fr": "法文", "ru": "俄文", "zh": "中文"},
		Commands: map[string]string{"start": "开始并查看示例问题", "help": "如何提问", "ask": "提问",
			"sources": "我所依据的文件", "about": "版本和索引"},
	},
}

// botLanguages are the languages the bot speaks, English first (the default).
var botLanguages = []string{"en", "fr", "ru", "zh"}

// commandOrder is the order of the commands in Telegram's menu.
var commandOrder = []string{"start", "ask", "help", "sources", "about"}

// uiLanguage picks the language of the bot's own words: the question's when
// it has one, else the user's Telegram language, else English.
func uiLanguage(questionLang, userCode string) string {
	if _, ok := catalog[questionLang]; ok && questionLang != "" {
		return questionLang
	}
	code := strings.ToLower(userCode)
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	if _, ok := catalog[code]; ok {
		return code
	}
	return "en"
}

func words(lang string) *texts {
	if x, ok := catalog[lang]; ok {
		return x
	}
	return catalog["en"]
}
