package telegramtest

import (
	"cmp"
	"slices"
	"unicode"
)

// Entity is a Bot API MessageEntity. Offset and Length count UTF-16 code
// units, as Telegram does: an emoji outside the Basic Multilingual Plane
// counts 2, a Cyrillic letter 1.
type Entity struct {
	Type          string `json:"type"` // "bot_command", "mention", "bold", "text_link"...
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	URL           string `json:"url,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
}

// UTF16Len returns the length of s in UTF-16 code units, the unit of
// Telegram's entity offsets and of its message length limits.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// TextEntities finds the entities Telegram marks in a plain text message:
// bot commands (/ask, /ask@summit_test_bot) and @mentions, at the start of
// the text or after a character that is not part of a word.
func TextEntities(text string) []Entity {
	runes := []rune(text)
	at := make([]int, len(runes)+1) // UTF-16 offset of each rune
	for i, r := range runes {
		at[i+1] = at[i] + utf16Units(r)
	}
	// name counts the command or username characters from i on.
	name := func(i int) int {
		n := 0
		for i+n < len(runes) && isNameChar(runes[i+n]) {
			n++
		}
		return n
	}
	var ents []Entity
	for i := 0; i < len(runes); i++ {
		if i > 0 && (isWordChar(runes[i-1]) || runes[i-1] == '/' || runes[i-1] == '@') {
			continue
		}
		switch runes[i] {
		case '/':
			n := name(i + 1)
			if n == 0 || n > 64 {
				continue
			}
			end := i + 1 + n
			if end < len(runes) && runes[end] == '@' {
				if u := name(end + 1); u >= 3 && u <= 32 {
					end += 1 + u
				}
			}
			if end < len(runes) && (isWordChar(runes[end]) || runes[end] == '/') {
				continue
			}
			ents = append(ents, Entity{Type: "bot_command", Offset: at[i], Length: at[end] - at[i]})
			i = end - 1
		case '@':
			n := name(i + 1)
			end := i + 1 + n
			if n < 3 || n > 32 || (end < len(runes) && isWordChar(runes[end])) {
				continue
			}
			ents = append(ents, Entity{Type: "mention", Offset: at[i], Length: at[end] - at[i]})
			i = end - 1
		}
	}
	return ents
}

// isNameChar is a character of a command or a username.
func isNameChar(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isWordChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// sortEntities puts entities in Telegram's order: by offset, an enclosing
// entity before the ones inside it.
func sortEntities(ents []Entity) {
	slices.SortStableFunc(ents, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(b.Length, a.Length))
	})
}
