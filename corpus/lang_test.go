package corpus

import "testing"

func TestDetectLanguage(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"When was the first summit?", "en"},
		{"Où s'est tenu le deuxième sommet ?", "fr"},
		{"ou s est tenu le deuxieme sommet", "fr"},
		{"Quand a eu lieu le premier sommet", "fr"},
		{"Когда пройдёт следующий саммит?", "ru"},
		{"首届中国—中亚峰会在哪里举行？", "zh"},
		{"G20峰会在哪里", "zh"},
		{"Xi'an", "en"},
		{"2023 ?!", ""},
		{"Бірінші саммит қашан өтті?", "kk"},
		{"Birinchi sammit qachon boʻlib oʻtdi?", "uz"},
		{"Ikkinchi sammit qayerda bo'lib o`tdi", "uz"},
		{"Иккинчи саммит қаерда бўлиб ўтди?", "uz"},
		{"Марказий Осиё – Хитой котибияти қаерда жойлашган?", "uz"},
		{"Екінші саммит қайда өтті?", "kk"},
		{"Bırınşı sammit qaşan öttı?", "kk"},
		{"Биринчи саммит качан өттү?", "kk"},                    // Kyrgyz, read as Kazakh
		{"Нахустин саммит кай баргузор шуд? Ҷавоб диҳед", "ru"}, // Tajik, read as Russian
		{"Where did the summit take place?", "en"},
		{"Qui a présidé la réunion ?", "fr"},
		// The names a question quotes do not decide its language.
		{"Чем занимается совместная компания China-Kyrgyzstan-Uzbekistan Railway Company?", "ru"},
		{"What did Токаев say at the Astana summit?", "en"},
		{"Саммит C5+1 c США", "ru"},
	} {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKindred(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Биринчи саммит качан өттү?", "ky"},
		{"Бірінші саммит қашан өтті?", ""}, // Kazakh has ө and ү too, and і, қ
		{"Сиань саммитинде ким төрагалык кылды?", "ky"},
		{"Nahustin sammit kay shud?", ""},
		{"Нахустин саммит кай баргузор шуд? Ҷавоб диҳед", "tg"},
		{"Ikinji sammit haýsy şäherde geçirildi?", "tk"},
		{"Ikkinchi sammit qayerda boʻlib oʻtdi?", ""},
		{"Иккинчи саммит қаерда бўлиб ўтди?", ""},
		{"Когда пройдёт следующий саммит?", ""},
		{"Where was the second summit held?", ""},
	} {
		if got := Kindred(tt.text); got != tt.want {
			t.Errorf("Kindred(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
