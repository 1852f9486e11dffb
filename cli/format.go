package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// lineWidth is the width every line of output stays within.
const lineWidth = 80

// bar draws a share 0..1 as cells of █ and ░.
func bar(v float64, cells int) string {
	n := int(math.Round(math.Max(0, math.Min(1, v)) * float64(cells)))
	return strings.Repeat("█", n) + strings.Repeat("░", cells-n)
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// spark draws one day's amount against a scale: '·' for nothing, '-' for a
// held day without steps, a block from ▁ to █ otherwise.
func spark(amount, scale float64, held bool) rune {
	switch {
	case amount <= 0 && held:
		return '-'
	case amount <= 0:
		return '·'
	case scale <= 0:
		return sparks[len(sparks)-1]
	}
	i := int(math.Ceil(amount/scale*float64(len(sparks)))) - 1
	return sparks[max(0, min(len(sparks)-1, i))]
}

// level draws a share 0..1 as one of eight blocks.
func level(v float64) rune {
	i := int(math.Round(math.Max(0, math.Min(1, v)) * float64(len(sparks)-1)))
	return sparks[i]
}

// width returns the number of terminal cells s takes: two for wide
// characters (CJK, most emoji), none for combining marks and colour codes.
func width(s string) int { return cells.String(s) }

// cells measures text in terminal cells, colour codes taking none.
var cells = displaywidth.Options{ControlSequences: true}

// pad pads s with spaces to n cells.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// clip shortens s to n cells, ending with … when cut.
func clip(s string, n int) string {
	if width(s) <= n {
		return s
	}
	return cells.TruncateString(s, max(n, 1), "…")
}

// chunks cuts word into pieces of at most n cells, for text with no
// spaces to break at (Chinese, Japanese), never inside a character.
func chunks(word string, n int) []string {
	var out []string
	for width(word) > n && n > 0 {
		head := cells.TruncateString(word, n, "")
		if head == "" {
			break
		}
		out = append(out, head)
		word = word[len(head):]
	}
	return append(out, word)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeTable prints rows as columns two cells apart, measured in terminal
// cells (so wide characters line up, which text/tabwriter's rune count
// does not). The first column is clipped to at most firstMax cells. When
// a line would pass lineWidth, the first column gives way down to
// nameColumn cells, then the widest of the others down to minColumn, then
// the first again down to 8.
func writeTable(w io.Writer, rows [][]string, firstMax int) {
	if len(rows) == 0 {
		return
	}
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	widths := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	widths[0] = min(widths[0], firstMax)
	total := 2 * (n - 1) // the gaps; the last column is not padded
	for _, wd := range widths {
		total += wd
	}
	for ; total > lineWidth; total-- {
		widest := min(1, n-1) // the first itself in a table of one column
		for i := 2; i < n; i++ {
			if widths[i] > widths[widest] {
				widest = i
			}
		}
		switch {
		case widths[0] > nameColumn:
			widths[0]--
		case widest > 0 && widths[widest] > minColumn:
			widths[widest]--
		case widths[0] > 8:
			widths[0]--
		default:
			total = 0 // nothing left to give: the line runs over
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			c = clip(c, widths[i])
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(pad(c, widths[i]+2))
		}
		fmt.Fprintln(w, b.String())
	}
}

// minColumn and nameColumn are the fewest cells writeTable clips a column
// to, and the first column before the others give way.
const (
	minColumn  = 12
	nameColumn = 16
)

// say prints the message format and args make, line by line, within
// lineWidth: a line that does not fit breaks between words, and a command
// that ends it (the way stride suggests what to run next) goes whole onto
// a line of its own, indented, so it can be copied. See trailingCommand
// for how such a command is told from prose that names a command.
func say(w io.Writer, format string, args ...any) {
	msg := strings.TrimSuffix(fmt.Sprintf(format, args...), "\n")
	var b strings.Builder
	for line := range strings.SplitSeq(msg, "\n") {
		if width(line) <= lineWidth {
			b.WriteString(line + "\n")
			continue
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		text := line[len(indent):]
		if i := trailingCommand(text); i > 0 {
			// one too wide even for a line of its own still starts one
			b.WriteString(hang(indent, text[:i]) + "\n" + hang(indent+"  ", text[i:]) + "\n")
			continue
		}
		b.WriteString(hang(indent, text) + "\n")
	}
	io.WriteString(w, b.String())
}

// trailingCommand returns where the command that ends text starts, or -1
// when text does not end with one. A suggested command follows ": " or
// "with " ("Bring it back with: stride goal resume walk", "change the
// password with stride user passwd ada") and runs to the end as one
// command (see oneCommand). "stride" elsewhere is prose: "on a terminal
// stride asks", "stride imports at most 500". So a message that names a
// command and then goes on about it words it the other way round, with
// the command last.
func trailingCommand(text string) int {
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "stride ")
		if j < 0 {
			return -1
		}
		j += i
		if before := text[:j]; (strings.HasSuffix(before, ": ") || strings.HasSuffix(before, " with ")) && oneCommand(text[j:]) {
			return j
		}
		i = j + len("stride ")
	}
	return -1
}

// oneCommand reports whether s reads as one command and nothing after it:
// its quotes close, and outside them no ", ", "; " or ": " and no full
// stop ends a sentence ("stride goal edit walk, or pick another name"
// goes on in prose). The ellipsis of a usage line, "TEXT...", is no full
// stop.
func oneCommand(s string) bool {
	var quote byte
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case quote == '"':
			if c == '\\' {
				k++
			} else if c == '"' {
				quote = 0
			}
		case c == '\\':
			k++
		case c == '\'' || c == '"':
			quote = c
		case (c == ',' || c == ';' || c == ':') && k+1 < len(s) && s[k+1] == ' ':
			return false
		case c == '.' && (k+1 == len(s) || s[k+1] == ' ') && (k == 0 || s[k-1] != '.'):
			return false
		}
	}
	return quote == 0
}
