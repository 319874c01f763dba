package feed

import (
	"strings"
	"testing"
)

func TestHTMLText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"ParagraphsBecomeBlankLines", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"LineBreakKept", "One<br>two<br/>three", "One\ntwo\nthree"},
		{"DoubleBreakIsParagraph", "One<br><br>Two", "One\n\nTwo"},
		{"ListItemsApart", "<ul><li>Xi'an</li><li>Astana</li></ul>", "Xi'an\n\nAstana"},
		{"HeadingsApart", "<h2>Outcomes</h2>Signed a treaty.", "Outcomes\n\nSigned a treaty."},
		{"TableCellsSpaced", "<table><tr><td>2023</td><td>Xi'an</td></tr><tr><td>2025</td><td>Astana</td></tr></table>", "2023 Xi'an\n\n2025 Astana"},
		{"InlineElementsJoinWords", "The <b>first</b> summit<i>s</i>", "The first summits"},
		{"SourceWhitespaceCollapsed", "  <p>  many \n\n  spaces\there </p>\n\n", "many spaces here"},
		{"EntitiesDecoded", "<p>Xi&rsquo;an &amp; Astana &lt;2023&gt; caf&eacute;&nbsp;&#8212;&#x4E2D;</p>", "Xi’an & Astana <2023> café —中"},
		{"ScriptDropped", "Before<script>alert('x')</script>after", "Beforeafter"},
		{"StyleDropped", "<style>p{color:red}</style><p>Text</p>", "Text"},
		{"NoscriptAndTemplateDropped", "<noscript>Enable JS</noscript><template><p>t</p></template>Text", "Text"},
		{"UnclosedScriptDropsRest", "Safe text<script>steal(document.cookie)", "Safe text"},
		{"FakeCloseInsideScript", "<script>document.write('</scr'+'ipt>')</script>after", "after"},
		{"NestedScriptTrick", "<<script>script>alert(1)<</script>/script>ok", "</script>ok"},
		{"AttributeHandlersDropped", `<img src=x onerror="alert(1)"><a href="javascript:alert(2)">link</a>`, "link"},
		{"CommentDropped", "a<!-- secret -->b", "ab"},
		{"UnbalancedTags", "<div><p>one<b>two</div></i></p>three</span>", "onetwo\n\nthree"},
		{"DeepNesting", strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 10), "deep"},
		{"SVGTitleDropped", "<svg><title>icon</title><text>x</text></svg>Text", "Text"},
		{"SelfClosingSVGKeepsText", "<svg/>Text", "Text"},
		{"TextareaDropped", "<textarea><p>typed</p></textarea>Text", "Text"},
		{"PlainTextKeepsItsParagraphs", "First line.\nSame paragraph.\n\n\nSecond &amp; last.", "First line.\nSame paragraph.\n\nSecond & last."},
		{"PlainTextWithAngleBrackets", "a < b and c > d", "a < b and c > d"},
		{"InvalidUTF8Replaced", "a\xffb", "a\uFFFDb"},
		{"ControlCharactersDropped", "<p>a\x00b\x07c</p>", "a b c"},
		{"InvisibleCharactersDropped", "<p>\ufeffXi\u200b'an</p>", "Xi'an"},
		{"Empty", "", ""},
		{"OnlyMarkup", "<p><br></p><div></div>", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.in); got != tt.want {
				t.Errorf("htmlText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Leaders sign the Xi&#8217;an Declaration", "Leaders sign the Xi’an Declaration"},
		{"<b>Breaking</b>:\n summit\tends", "Breaking: summit ends"},
		{"<p>One</p><p>Two</p>", "One Two"},
	} {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLangCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"en-us", "en"}, {"EN", "en"}, {"zh-CN", "zh"}, {"zh-Hans-CN", "zh"}, {"fr_FR", "fr"},
		{"ru-RU", "ru"}, {"rus", "ru"}, {"ru, en", "ru"}, {"kk", "kk"}, {"uzb", "uz"}, {"ky", ""}, {"de-DE", ""}, {"", ""}, {"english", ""},
	} {
		if got := langCode(tt.in); got != tt.want {
			t.Errorf("langCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
