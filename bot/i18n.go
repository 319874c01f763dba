package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
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
	Source      string    // label of an answer's citation line
	Compiled    string    // after a citation of a fact sheet: "fact sheet compiled by SummitBot"
	Closest     string    // above the nearest passage when nothing answers
	More        string    // button: the next passage
	Back        string    // button: the previous passage
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

	// Subscriptions.
	SubscribedAll     string // the chat gets every new article
	SubscribedTopics  string // %s: the topics
	SubscribedDigest  string
	Unsubscribed      string
	UnsubscribedTopic string // %s: the topic
	NotSubscribed     string
	Status            string // %s: what the chat gets
	StatusAll         string
	StatusTopics      string // %s: the topics
	StatusDigest      string
	AdminsOnly        string
	ChannelNotFound   string // %s: @channel
	ChannelNotChannel string // %s: @name
	ChannelCheck      string // %s: @channel; Telegram could not be asked about it
	BotNotAdmin       string // %s: @channel
	UserNotAdmin      string // %s: @channel
	ChannelSubscribed string // %s: @channel; %s: what it gets
	ChannelDropped    string // %s: @channel
	NewArticle        string
	Read              string
	DigestTitle       string // %d: number of articles
}

// catalog holds the bot's words in every language it speaks.
var catalog = map[string]*texts{
	"en": {
		Greeting:          "Hello, %s! I answer questions about the China–Central Asia summits and the foreign ministers' meetings of the format, with the passage that answers and its source.",
		Help:              "Ask me anything about the summits (Xi'an 2023, Astana 2025, the next one expected in 2027), the foreign ministers' meetings (2020–2025) or the secretariat. In a group, use /ask <question>, mention me or reply to one of my messages. In any chat, type @%s and your question.\n\n/ask <question> — ask a question\n/sources — the documents I answer from\n/about — version and index",
		TryAsking:         "Try one of these:",
		Examples:          [3]string{"When was the first summit?", "Where will the next summit take place?", "Who chaired the fifth foreign ministers' meeting?"},
		Featured:          [3]string{"Which China–Central Asia summits have been held?", "When is the next China–Central Asia summit?", "What was the Xi'an Declaration?"},
		NoAnswer:          "I couldn't find an answer to that in my sources.",
		KnowsAbout:        "I know about the China–Central Asia summits (Xi'an 2023, Astana 2025, the next one expected in China in 2027), the foreign ministers' meetings from 2020 to 2025, and the format's secretariat.",
		FromSource:        "From a %s source.",
		Sources:           "Sources",
		Source:            "Source:",
		Compiled:          "fact sheet compiled by SummitBot",
		Closest:           "The closest I have:",
		More:              "More ›",
		Back:              "‹ Back",
		NoMore:            "That's all I have on this question.",
		Thanks:            "Thanks for your feedback!",
		Expired:           "This answer has expired; please ask again.",
		AskEmpty:          "Please add your question after the command, for example: /ask When was the first summit?",
		NotText:           "I can only read text questions. Try: When was the first summit?",
		Flood:             "You're asking faster than I can answer. Please wait a minute before the next question.",
		Failure:           "Sorry, something went wrong on my side. Please try again in a moment.",
		About:             "SummitBot %s\nCorpus: %d documents, %d passages\nIndex built: %s",
		SourcesList:       "I answer from these %d documents:",
		InlineNone:        "No answer found — tap to ask me in a private chat",
		SubscribedAll:     "Subscribed: every new article about the summits will be posted in this chat. /unsubscribe stops it.",
		SubscribedTopics:  "Subscribed to new articles about: %s. /unsubscribe stops it.",
		SubscribedDigest:  "Subscribed to a daily digest: one message a day with the new articles. /unsubscribe stops it.",
		Unsubscribed:      "Unsubscribed: no more articles will be posted in this chat.",
		UnsubscribedTopic: "No more articles about: %s.",
		NotSubscribed:     "This chat has no subscription. /subscribe gets every new article; /subscribe <words> only those about them; /subscribe digest one message a day.",
		Status:            "This chat gets %s.",
		StatusAll:         "every new article about the summits",
		StatusTopics:      "new articles about: %s",
		StatusDigest:      " (as a daily digest)",
		AdminsOnly:        "Only the group's administrators can change its subscriptions.",
		ChannelNotFound:   "I can't find %s. Check the name; the channel must be public, or add me to it first.",
		ChannelNotChannel: "%s is not a channel.",
		ChannelCheck:      "I couldn't check %s with Telegram just now. Please try again in a minute.",
		BotNotAdmin:       "I'm not an administrator of %s. Add me as an administrator with the right to post messages, then try again.",
		UserNotAdmin:      "You're not an administrator of %s, so you can't change its subscriptions.",
		ChannelSubscribed: "%s is subscribed: it gets %s.",
		ChannelDropped:    "%s is unsubscribed.",
		NewArticle:        "New article",
		Read:              "Read the article",
		DigestTitle:       "New articles about the China–Central Asia summits (%d):",
		Languages:         map[string]string{"en": "English", "fr": "French", "ru": "Russian", "zh": "Chinese", "kk": "Kazakh", "uz": "Uzbek"},
		Commands: map[string]string{"start": "Start and see example questions", "help": "How to ask", "ask": "Ask a question",
			"sources": "The documents I answer from", "about": "Version and index", "subscribe": "Get new articles here", "unsubscribe": "Stop new articles", "subscriptions": "What this chat gets"},
	},
	"fr": {
		Greeting:          "Bonjour, %s ! Je réponds aux questions sur les sommets Chine–Asie centrale et les réunions des ministres des Affaires étrangères du format, avec le passage qui répond et sa source.",
		Help:              "Posez-moi vos questions sur les sommets (Xi'an 2023, Astana 2025, le prochain attendu en 2027), les réunions des ministres des Affaires étrangères (2020–2025) ou le secrétariat. Dans un groupe, utilisez /ask <question>, mentionnez-moi ou répondez à l'un de mes messages. Dans n'importe quelle conversation, tapez @%s et votre question.\n\n/ask <question> — poser une question\n/sources — les documents d'où viennent mes réponses\n/about — version et index",
		TryAsking:         "Essayez par exemple :",
		Examples:          [3]string{"Quand a eu lieu le premier sommet ?", "Où aura lieu le prochain sommet ?", "Qui a présidé la cinquième réunion des ministres ?"},
		Featured:          [3]string{"Quels sommets Chine–Asie centrale ont eu lieu ?", "Quand aura lieu le prochain sommet Chine–Asie centrale ?", "Qu'est-ce que la Déclaration de Xi'an ?"},
		NoAnswer:          "Je n'ai pas trouvé de réponse à cette question dans mes sources.",
		KnowsAbout:        "Je connais les sommets Chine–Asie centrale (Xi'an 2023, Astana 2025, le prochain attendu en Chine en 2027), les réunions des ministres des Affaires étrangères de 2020 à 2025 et le secrétariat du format.",
		FromSource:        "D'après une source en %s.",
		Sources:           "Sources",
		Source:            "Source :",
		Compiled:          "fiche compilée par SummitBot",
		Closest:           "Ce que j'ai de plus proche :",
		More:              "Plus ›",
		Back:              "‹ Retour",
		NoMore:            "C'est tout ce que j'ai sur cette question.",
		Thanks:            "Merci pour votre avis !",
		Expired:           "Cette réponse a expiré ; reposez la question.",
		AskEmpty:          "Ajoutez votre question après la commande, par exemple : /ask Quand a eu lieu le premier sommet ?",
		NotText:           "Je ne lis que les questions écrites. Essayez : Quand a eu lieu le premier sommet ?",
		Flood:             "Vous posez des questions plus vite que je ne peux répondre. Merci d'attendre une minute avant la suivante.",
		Failure:           "Désolé, un problème est survenu de mon côté. Réessayez dans un instant.",
		About:             "SummitBot %s\nCorpus : %d documents, %d passages\nIndex construit : %s",
		SourcesList:       "Je réponds à partir de ces %d documents :",
		InlineNone:        "Pas de réponse — touchez pour me demander en privé",
		SubscribedAll:     "Abonnement activé : chaque nouvel article sur les sommets sera publié dans cette conversation. /unsubscribe l'arrête.",
		SubscribedTopics:  "Abonnement aux nouveaux articles sur : %s. /unsubscribe l'arrête.",
		SubscribedDigest:  "Abonnement au résumé quotidien : un message par jour avec les nouveaux articles. /unsubscribe l'arrête.",
		Unsubscribed:      "Abonnement arrêté : plus aucun article ne sera publié ici.",
		UnsubscribedTopic: "Plus d'articles sur : %s.",
		NotSubscribed:     "Cette conversation n'a pas d'abonnement. /subscribe pour chaque nouvel article ; /subscribe <mots> pour ceux qui en parlent ; /subscribe digest pour un message par jour.",
		Status:            "Cette conversation reçoit %s.",
		StatusAll:         "chaque nouvel article sur les sommets",
		StatusTopics:      "les nouveaux articles sur : %s",
		StatusDigest:      " (en résumé quotidien)",
		AdminsOnly:        "Seuls les administrateurs du groupe peuvent modifier ses abonnements.",
		ChannelNotFound:   "Je ne trouve pas %s. Vérifiez le nom ; la chaîne doit être publique, ou ajoutez-moi d'abord.",
		ChannelNotChannel: "%s n'est pas une chaîne.",
		ChannelCheck:      "Je n'ai pas pu vérifier %s auprès de Telegram. Réessayez dans une minute.",
		BotNotAdmin:       "Je ne suis pas administrateur de %s. Ajoutez-moi comme administrateur avec le droit de publier, puis réessayez.",
		UserNotAdmin:      "Vous n'êtes pas administrateur de %s : vous ne pouvez pas modifier ses abonnements.",
		ChannelSubscribed: "%s est abonnée : elle reçoit %s.",
		ChannelDropped:    "%s est désabonnée.",
		NewArticle:        "Nouvel article",
		Read:              "Lire l'article",
		DigestTitle:       "Nouveaux articles sur les sommets Chine–Asie centrale (%d) :",
		Languages:         map[string]string{"en": "anglais", "fr": "français", "ru": "russe", "zh": "chinois", "kk": "kazakh", "uz": "ouzbek"},
		Commands: map[string]string{"start": "Démarrer et voir des exemples", "help": "Comment poser une question", "ask": "Poser une question",
			"sources": "Les documents d'où viennent mes réponses", "about": "Version et index", "subscribe": "Recevoir les nouveaux articles", "unsubscribe": "Arrêter les articles", "subscriptions": "Abonnement de la conversation"},
	},
	"ru": {
		Greeting:          "Здравствуйте, %s! Я отвечаю на вопросы о саммитах «Центральная Азия — Китай» и встречах министров иностранных дел этого формата и привожу отрывок с ответом и его источник.",
		Help:              "Спрашивайте о саммитах (Сиань 2023, Астана 2025, следующий ожидается в 2027 году), о встречах министров иностранных дел (2020–2025) или о секретариате. В группе используйте /ask <вопрос>, упомяните меня или ответьте на моё сообщение. В любом чате наберите @%s и вопрос.\n\n/ask <вопрос> — задать вопрос\n/sources — документы, на которых основаны ответы\n/about — версия и индекс",
		TryAsking:         "Попробуйте, например:",
		Examples:          [3]string{"Когда прошёл первый саммит?", "Где пройдёт следующий саммит?", "Кто председательствовал на пятой встрече министров?"},
		Featured:          [3]string{"Какие саммиты «Центральная Азия — Китай» уже прошли?", "Когда пройдёт следующий саммит «Центральная Азия — Китай»?", "Что такое Сианьская декларация?"},
		NoAnswer:          "Я не нашёл ответа на этот вопрос в своих источниках.",
		KnowsAbout:        "Я знаю о саммитах «Центральная Азия — Китай» (Сиань 2023, Астана 2025, следующий ожидается в Китае в 2027 году), о встречах министров иностранных дел с 2020 по 2025 год и о секретариате формата.",
		FromSource:        "По источнику на %s языке.",
		Sources:           "Источники",
		Source:            "Источник:",
		Compiled:          "справка составлена SummitBot",
		Closest:           "Самое близкое, что у меня есть:",
		More:              "Ещё ›",
		Back:              "‹ Назад",
		NoMore:            "Больше по этому вопросу у меня ничего нет.",
		Thanks:            "Спасибо за отзыв!",
		Expired:           "Этот ответ устарел; задайте вопрос ещё раз.",
		AskEmpty:          "Напишите вопрос после команды, например: /ask Когда прошёл первый саммит?",
		NotText:           "Я понимаю только текстовые вопросы. Попробуйте: Когда прошёл первый саммит?",
		Flood:             "Вы задаёте вопросы быстрее, чем я успеваю отвечать. Подождите, пожалуйста, минуту.",
		Failure:           "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
		About:             "SummitBot %s\nКорпус: %d документов, %d отрывков\nИндекс построен: %s",
		SourcesList:       "Я отвечаю по этим документам (%d):",
		InlineNone:        "Ответ не найден — нажмите, чтобы спросить в личном чате",
		SubscribedAll:     "Подписка оформлена: каждая новая статья о саммитах будет приходить в этот чат. /unsubscribe отменяет подписку.",
		SubscribedTopics:  "Подписка на новые статьи о: %s. /unsubscribe отменяет подписку.",
		SubscribedDigest:  "Подписка на ежедневный дайджест: одно сообщение в день с новыми статьями. /unsubscribe отменяет подписку.",
		Unsubscribed:      "Подписка отменена: статьи больше не будут приходить в этот чат.",
		UnsubscribedTopic: "Больше никаких статей о: %s.",
		NotSubscribed:     "У этого чата нет подписки. /subscribe — все новые статьи; /subscribe <слова> — только о них; /subscribe digest — одно сообщение в день.",
		Status:            "Этот чат получает %s.",
		StatusAll:         "каждую новую статью о саммитах",
		StatusTopics:      "новые статьи о: %s",
		StatusDigest:      " (ежедневным дайджестом)",
		AdminsOnly:        "Менять подписки группы могут только её администраторы.",
		ChannelNotFound:   "Не могу найти %s. Проверьте название: канал должен быть публичным, или сначала добавьте меня в него.",
		ChannelNotChannel: "%s — не канал.",
		ChannelCheck:      "Не удалось проверить %s через Telegram. Попробуйте ещё раз через минуту.",
		BotNotAdmin:       "Я не администратор %s. Добавьте меня администратором с правом публиковать сообщения и попробуйте снова.",
		UserNotAdmin:      "Вы не администратор %s, поэтому не можете менять его подписки.",
		ChannelSubscribed: "%s подписан: он получает %s.",
		ChannelDropped:    "%s отписан.",
		NewArticle:        "Новая статья",
		Read:              "Читать статью",
		DigestTitle:       "Новые статьи о саммитах «Центральная Азия — Китай» (%d):",
		Languages:         map[string]string{"en": "английском", "fr": "французском", "ru": "русском", "zh": "китайском", "kk": "казахском", "uz": "узбекском"},
		Commands: map[string]string{"start": "Начать и посмотреть примеры", "help": "Как задавать вопросы", "ask": "Задать вопрос",
			"sources": "Документы, на которых основаны ответы", "about": "Версия и индекс", "subscribe": "Получать новые статьи", "unsubscribe": "Отменить подписку", "subscriptions": "Подписка этого чата"},
	},
	"zh": {
		Greeting:          "%s，您好！我可以回答有关中国—中亚峰会和中国—中亚外长会晤的问题，并给出答案所在的段落及其来源。",
		Help:              "您可以问我关于峰会（2023年西安、2025年阿斯塔纳、预计2027年举行的下一届）、外长会晤（2020—2025年）或秘书处的问题。在群组中，请使用 /ask <问题>、@提及我或回复我的消息。在任何聊天中，输入 @%s 加上问题即可。\n\n/ask <问题> — 提问\n/sources — 我所依据的文件\n/about — 版本和索引",
		TryAsking:         "可以试试这些问题：",
		Examples:          [3]string{"首届中国—中亚峰会是什么时候举行的？", "下一届峰会在哪里举行？", "谁主持了第五次外长会晤？"},
		Featured:          [3]string{"中国—中亚峰会已经举行了哪几届？", "下一届中国—中亚峰会什么时候举行？", "西安宣言是什么？"},
		NoAnswer:          "我在资料中没有找到这个问题的答案。",
		KnowsAbout:        "我了解中国—中亚峰会（2023年西安、2025年阿斯塔纳，下一届预计2027年在中国举行）、2020年至2025年的外长会晤以及该机制的秘书处。",
		FromSource:        "根据%s资料。",
		Sources:           "来源",
		Source:            "来源：",
		Compiled:          "SummitBot 整理的资料卡",
		Closest:           "我找到的最接近的内容：",
		More:              "更多 ›",
		Back:              "‹ 返回",
		NoMore:            "关于这个问题，我只有这些内容。",
		Thanks:            "感谢您的反馈！",
		Expired:           "这个回答已过期，请重新提问。",
		AskEmpty:          "请在命令后写上问题，例如：/ask 首届峰会是什么时候举行的？",
		NotText:           "我只能读懂文字问题。试试：首届峰会是什么时候举行的？",
		Flood:             "您提问的速度太快了，请等一分钟再问下一个问题。",
		Failure:           "抱歉，我这边出了点问题，请稍后再试。",
		About:             "SummitBot %s\n语料：%d 份文件，%d 个段落\n索引建立时间：%s",
		SourcesList:       "我依据以下 %d 份文件回答：",
		InlineNone:        "未找到答案 — 点击在私聊中提问",
		SubscribedAll:     "订阅成功：有关峰会的每篇新文章都会发到这个聊天。发送 /unsubscribe 可取消。",
		SubscribedTopics:  "已订阅以下主题的新文章：%s。发送 /unsubscribe 可取消。",
		SubscribedDigest:  "已订阅每日摘要：每天一条消息，汇总新文章。发送 /unsubscribe 可取消。",
		Unsubscribed:      "已取消订阅：这个聊天不会再收到文章。",
		UnsubscribedTopic: "不再接收以下主题的文章：%s。",
		NotSubscribed:     "这个聊天没有订阅。/subscribe 接收所有新文章；/subscribe <关键词> 只接收相关文章；/subscribe digest 每天一条摘要。",
		Status:            "这个聊天接收%s。",
		StatusAll:         "有关峰会的所有新文章",
		StatusTopics:      "以下主题的新文章：%s",
		StatusDigest:      "（每日摘要）",
		AdminsOnly:        "只有群组管理员才能更改群组的订阅。",
		ChannelNotFound:   "找不到 %s。请检查名称：频道须为公开频道，或先把我加入频道。",
		ChannelNotChannel: "%s 不是频道。",
		ChannelCheck:      "暂时无法通过 Telegram 核实 %s，请一分钟后再试。",
		BotNotAdmin:       "我不是 %s 的管理员。请把我设为有发帖权限的管理员后再试。",
		UserNotAdmin:      "您不是 %s 的管理员，无法更改它的订阅。",
		ChannelSubscribed: "%s 已订阅：接收%s。",
		ChannelDropped:    "%s 已取消订阅。",
		NewArticle:        "新文章",
		Read:              "阅读全文",
		DigestTitle:       "有关中国—中亚峰会的新文章（%d 篇）：",
		Languages:         map[string]string{"en": "英文", "fr": "法文", "ru": "俄文", "zh": "中文", "kk": "哈萨克文", "uz": "乌兹别克文"},
		Commands: map[string]string{"start": "开始并查看示例问题", "help": "如何提问", "ask": "提问",
			"sources": "我所依据的文件", "about": "版本和索引", "subscribe": "接收新文章", "unsubscribe": "取消订阅", "subscriptions": "本聊天的订阅"},
	},
	"kk": {
		Greeting:          "Сәлеметсіз бе, %s! Мен «Орталық Азия – Қытай» саммиттері мен осы форматтағы сыртқы істер министрлерінің кездесулері туралы сұрақтарға жауап беремін: жауабы бар үзіндіні және оның дереккөзін көрсетемін.",
		Help:              "Саммиттер (Сиань 2023, Астана 2025, келесісі 2027 жылы күтілуде), сыртқы істер министрлерінің кездесулері (2020–2025) немесе хатшылық туралы сұраңыз. Топта /ask <сұрақ> командасын пайдаланыңыз, мені белгілеңіз немесе хабарламама жауап беріңіз. Кез келген чатта @%s деп теріп, сұрағыңызды жазыңыз.\n\n/ask <сұрақ> — сұрақ қою\n/sources — жауаптарым алынған құжаттар\n/about — нұсқа және индекс",
		TryAsking:         "Мысалы, мыналарды сұрап көріңіз:",
		Examples:          [3]string{"Бірінші саммит қашан өтті?", "Келесі саммит қайда өтеді?", "Сыртқы істер министрлерінің бесінші кездесуіне кім төрағалық етті?"},
		Featured:          [3]string{"«Орталық Азия – Қытай» саммиттерінің қайсылары өтті?", "Келесі «Орталық Азия – Қытай» саммиті қашан өтеді?", "Сиань декларациясы деген не?"},
		NoAnswer:          "Дереккөздерімнен бұл сұрақтың жауабын таппадым.",
		KnowsAbout:        "Мен «Орталық Азия – Қытай» саммиттері (Сиань 2023, Астана 2025, келесісі 2027 жылы Қытайда күтілуде), 2020–2025 жылдардағы сыртқы істер министрлерінің кездесулері және форматтың хатшылығы туралы білемін.",
		FromSource:        "%s тіліндегі дереккөз бойынша.",
		Sources:           "Дереккөздер",
		Source:            "Дереккөз:",
		Compiled:          "SummitBot құрастырған анықтама",
		Closest:           "Менде бар ең жақын мәлімет:",
		More:              "Тағы ›",
		Back:              "‹ Артқа",
		NoMore:            "Бұл сұрақ бойынша менде басқа ештеңе жоқ.",
		Thanks:            "Пікіріңізге рақмет!",
		Expired:           "Бұл жауаптың мерзімі өтті, сұрағыңызды қайта қойыңыз.",
		AskEmpty:          "Сұрағыңызды командадан кейін жазыңыз, мысалы: /ask Бірінші саммит қашан өтті?",
		NotText:           "Мен тек мәтінмен жазылған сұрақтарды түсінемін. Сұрап көріңіз: Бірінші саммит қашан өтті?",
		Flood:             "Жауап беріп үлгергенімнен жылдам сұрап жатырсыз. Келесі сұраққа дейін бір минут күте тұрыңыз.",
		Failure:           "Кешіріңіз, менің тарапымда қате шықты. Сәлден соң қайталап көріңіз.",
		About:             "SummitBot %s\nКорпус: %d құжат, %d үзінді\nИндекс құрылған уақыт: %s",
		SourcesList:       "Мына құжаттар бойынша жауап беремін (%d):",
		InlineNone:        "Жауап табылмады — жеке чатта сұрау үшін басыңыз",
		SubscribedAll:     "Жазылым қосылды: саммиттер туралы әр жаңа мақала осы чатқа жіберіледі. /unsubscribe жазылымды тоқтатады.",
		SubscribedTopics:  "%s туралы жаңа мақалаларға жазылым қосылды. /unsubscribe жазылымды тоқтатады.",
		SubscribedDigest:  "Күнделікті дайджестке жазылым қосылды: күніне жаңа мақалалар жиналған бір хабарлама. /unsubscribe жазылымды тоқтатады.",
		Unsubscribed:      "Жазылым тоқтатылды: бұл чатқа енді мақалалар жіберілмейді.",
		UnsubscribedTopic: "%s туралы мақалалар енді келмейді.",
		NotSubscribed:     "Бұл чатта жазылым жоқ. /subscribe — барлық жаңа мақалалар; /subscribe <сөздер> — тек солар туралы мақалалар; /subscribe digest — күніне бір хабарлама.",
		Status:            "Бұл чатқа %s келеді.",
		StatusAll:         "саммиттер туралы әр жаңа мақала",
		StatusTopics:      "%s туралы жаңа мақалалар",
		StatusDigest:      " (күнделікті дайджест түрінде)",
		AdminsOnly:        "Топтың жазылымдарын тек оның әкімшілері өзгерте алады.",
		ChannelNotFound:   "%s табылмады. Атауын тексеріңіз: арна ашық болуы керек, әйтпесе алдымен мені оған қосыңыз.",
		ChannelNotChannel: "%s — арна емес.",
		ChannelCheck:      "%s арнасын қазір Telegram арқылы тексере алмадым. Бір минуттан соң қайталап көріңіз.",
		BotNotAdmin:       "Мен %s арнасының әкімшісі емеспін. Мені хабарлама жариялау құқығы бар әкімші етіп қосып, қайталап көріңіз.",
		UserNotAdmin:      "Сіз %s арнасының әкімшісі емессіз, сондықтан оның жазылымдарын өзгерте алмайсыз.",
		ChannelSubscribed: "%s арнасы жазылды: оған %s келеді.",
		ChannelDropped:    "%s арнасының жазылымы тоқтатылды.",
		NewArticle:        "Жаңа мақала",
		Read:              "Мақаланы оқу",
		DigestTitle:       "«Орталық Азия – Қытай» саммиттері туралы жаңа мақалалар (%d):",
		Languages:         map[string]string{"en": "ағылшын", "fr": "француз", "ru": "орыс", "zh": "қытай", "kk": "қазақ", "uz": "өзбек"},
		Commands: map[string]string{"start": "Бастау: мысал сұрақтар", "help": "Көмек: қалай сұрау керек", "ask": "Сұрақ қою",
			"sources": "Жауаптарым алынған құжаттар", "about": "Нұсқа және индекс", "subscribe": "Жазылу: жаңа мақалалар осында", "unsubscribe": "Жазылымнан бас тарту", "subscriptions": "Осы чаттың жазылымы"},
	},
	// Uzbek in its official Latin alphabet: oʻ and gʻ with U+02BB, the
	// tutuq belgisi (eʼlon) with U+02BC, as the corpus writes them.
	"uz": {
		Greeting:          "Assalomu alaykum, %s! Men «Markaziy Osiyo – Xitoy» sammitlari va shu formatdagi tashqi ishlar vazirlari uchrashuvlari haqidagi savollarga javob beraman: javob bor parchani va uning manbasini koʻrsataman.",
		Help:              "Sammitlar (Sian 2023, Astana 2025, navbatdagisi 2027-yilda kutilmoqda), tashqi ishlar vazirlari uchrashuvlari (2020–2025) yoki kotibiyat haqida soʻrang. Guruhda /ask <savol> buyrugʻidan foydalaning, meni belgilang yoki xabarimga javob bering. Istalgan chatda @%s deb yozib, savolingizni qoʻshing.\n\n/ask <savol> — savol berish\n/sources — javoblarim olingan hujjatlar\n/about — versiya va indeks",
		TryAsking:         "Masalan, shularni soʻrab koʻring:",
		Examples:          [3]string{"Birinchi sammit qachon boʻlib oʻtdi?", "Navbatdagi sammit qayerda boʻlib oʻtadi?", "Tashqi ishlar vazirlarining beshinchi uchrashuviga kim raislik qildi?"},
		Featured:          [3]string{"Qaysi «Markaziy Osiyo – Xitoy» sammitlari boʻlib oʻtgan?", "Navbatdagi «Markaziy Osiyo – Xitoy» sammiti qachon boʻladi?", "Sian deklaratsiyasi nima?"},
		NoAnswer:          "Manbalarimda bu savolga javob topa olmadim.",
		KnowsAbout:        "Men «Markaziy Osiyo – Xitoy» sammitlari (Sian 2023, Astana 2025, navbatdagisi 2027-yilda Xitoyda kutilmoqda), 2020–2025-yillardagi tashqi ishlar vazirlari uchrashuvlari va formatning kotibiyati haqida bilaman.",
		FromSource:        "%s tilidagi manba asosida.",
		Sources:           "Manbalar",
		Source:            "Manba:",
		Compiled:          "SummitBot tuzgan maʼlumotnoma",
		Closest:           "Menda bor eng yaqin maʼlumot:",
		More:              "Yana ›",
		Back:              "‹ Orqaga",
		NoMore:            "Bu savol boʻyicha menda boshqa hech narsa yoʻq.",
		Thanks:            "Fikringiz uchun rahmat!",
		Expired:           "Bu javobning muddati oʻtgan, savolni qaytadan bering.",
		AskEmpty:          "Savolingizni buyruqdan keyin yozing, masalan: /ask Birinchi sammit qachon boʻlib oʻtdi?",
		NotText:           "Men faqat matn bilan yozilgan savollarni tushunaman. Soʻrab koʻring: Birinchi sammit qachon boʻlib oʻtdi?",
		Flood:             "Men javob berishga ulgurganimdan tezroq soʻrayapsiz. Keyingi savoldan oldin bir daqiqa kuting.",
		Failure:           "Kechirasiz, men tomonda xatolik yuz berdi. Birozdan soʻng qayta urinib koʻring.",
		About:             "SummitBot %s\nKorpus: %d ta hujjat, %d ta parcha\nIndeks yaratilgan vaqt: %s",
		SourcesList:       "Quyidagi hujjatlar asosida javob beraman (%d ta):",
		InlineNone:        "Javob topilmadi — shaxsiy chatda soʻrash uchun bosing",
		SubscribedAll:     "Obuna yoqildi: sammitlar haqidagi har bir yangi maqola shu chatga yuboriladi. /unsubscribe obunani bekor qiladi.",
		SubscribedTopics:  "%s haqidagi yangi maqolalarga obuna yoqildi. /unsubscribe obunani bekor qiladi.",
		SubscribedDigest:  "Kunlik dayjestga obuna yoqildi: har kuni yangi maqolalar jamlangan bitta xabar. /unsubscribe obunani bekor qiladi.",
		Unsubscribed:      "Obuna bekor qilindi: bu chatga endi maqolalar yuborilmaydi.",
		UnsubscribedTopic: "%s haqidagi maqolalar endi kelmaydi.",
		NotSubscribed:     "Bu chatda obuna yoʻq. /subscribe — barcha yangi maqolalar; /subscribe <soʻzlar> — faqat ular haqidagi maqolalar; /subscribe digest — kuniga bitta xabar.",
		Status:            "Bu chatga %s keladi.",
		StatusAll:         "sammitlar haqidagi har bir yangi maqola",
		StatusTopics:      "%s haqidagi yangi maqolalar",
		StatusDigest:      " (kunlik dayjest sifatida)",
		AdminsOnly:        "Guruh obunalarini faqat uning administratorlari oʻzgartira oladi.",
		ChannelNotFound:   "%s topilmadi. Nomini tekshiring: kanal ochiq boʻlishi kerak, aks holda avval meni unga qoʻshing.",
		ChannelNotChannel: "%s kanal emas.",
		ChannelCheck:      "%s kanalini hozir Telegram orqali tekshira olmadim. Bir daqiqadan soʻng qayta urinib koʻring.",
		BotNotAdmin:       "Men %s kanalining administratori emasman. Meni xabar joylash huquqi bor administrator qilib qoʻshing va qayta urinib koʻring.",
		UserNotAdmin:      "Siz %s kanalining administratori emassiz, shuning uchun uning obunalarini oʻzgartira olmaysiz.",
		ChannelSubscribed: "%s kanali obuna boʻldi: unga %s keladi.",
		ChannelDropped:    "%s kanalining obunasi bekor qilindi.",
		NewArticle:        "Yangi maqola",
		Read:              "Maqolani oʻqish",
		DigestTitle:       "«Markaziy Osiyo – Xitoy» sammitlari haqida yangi maqolalar (%d ta):",
		Languages:         map[string]string{"en": "ingliz", "fr": "fransuz", "ru": "rus", "zh": "xitoy", "kk": "qozoq", "uz": "oʻzbek"},
		Commands: map[string]string{"start": "Boshlash: savol namunalari", "help": "Yordam: qanday soʻrash kerak", "ask": "Savol berish",
			"sources": "Javoblarim olingan hujjatlar", "about": "Versiya va indeks", "subscribe": "Obuna boʻlish: yangi maqolalar shu yerda", "unsubscribe": "Obunani bekor qilish", "subscriptions": "Shu chat obunasi"},
	},
}

// botLanguages are the languages the bot speaks, English first (the default).
var botLanguages = []string{"en", "fr", "ru", "zh", "kk", "uz"}

// commandOrder is the order of the commands in Telegram's menu.
var commandOrder = []string{"start", "ask", "help", "subscribe", "unsubscribe", "subscriptions", "sources", "about"}

// readInstead maps the languages of the region the bot does not speak to
// the one their speakers are likeliest to read: Kyrgyz, Tajik and Turkmen
// users get Russian, which is widely read across Central Asia.
var readInstead = map[string]string{"ky": "ru", "tg": "ru", "tk": "ru"}

// spoken returns the language the bot speaks to a reader of code (a
// language code such as "kk", "ru-RU" or "zh-hans"), and whether there is one.
func spoken(code string) (string, bool) {
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	if to, ok := readInstead[code]; ok {
		code = to
	}
	_, ok := catalog[code]
	return code, ok && code != ""
}

// uiLanguage picks the language of the bot's own words: the question's when
// it has one the bot speaks, else the one for the user's Telegram language
// (language_code), else English.
func uiLanguage(questionLang, userCode string) string {
	if questionLang == index.Unlettered {
		// Kazakh or Uzbek typed without their letters, or Kyrgyz: a
		// Kazakh or Uzbek user's language says which, else Russian,
		// which all of them read.
		if lang, _ := spoken(userCode); lang == "kk" || lang == "uz" {
			return lang
		}
		return "ru"
	}
	if lang, ok := spoken(questionLang); ok {
		return lang
	}
	if lang, ok := spoken(userCode); ok {
		return lang
	}
	return "en"
}

// questionLanguage is the language a question is written in, as the engine
// read it for ans (ans.Lang, which knows the words of Latin Uzbek without
// its ʻ; ans.Kindred when it read a Kyrgyz, Tajik or Turkmen question
// through a kindred language), or "" when the question has no letters to
// tell it by: then the user's language decides.
func questionLanguage(q string, ans index.Answer) string {
	detected := corpus.DetectLanguage(q)
	switch {
	case detected == "" || ans.Lang == "":
		return detected
	case ans.Kindred != "":
		return ans.Kindred
	}
	return ans.Lang
}

func words(lang string) *texts {
	if x, ok := catalog[lang]; ok {
		return x
	}
	return catalog["en"]
}

// months are the month names in dates, in the case a date needs ("19 мая").
var months = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"kk": {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
	"uz": {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"},
}

// formatDate writes a date the way a reader of lang expects it: "19 May
// 2023", "1er mai 2023", "19 мая 2023", "2023年5月19日", "2023 жылғы 19
// мамыр", "2023-yil 19-may". A zero date is "".
func formatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	case "fr":
		day := strconv.Itoa(d)
		if d == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, months["fr"][m-1], y)
	case "ru":
		return fmt.Sprintf("%d %s %d", d, months["ru"][m-1], y)
	case "kk":
		return fmt.Sprintf("%d жылғы %d %s", y, d, months["kk"][m-1])
	case "uz":
		return fmt.Sprintf("%d-yil %d-%s", y, d, months["uz"][m-1])
	}
	return fmt.Sprintf("%d %s %d", d, months["en"][m-1], y)
}
