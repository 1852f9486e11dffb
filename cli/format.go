package cli

import (
	"encoding/json"
	"io"
	"math"
	"strings"
	"unicode/utf8"
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

// width returns the number of terminal cells s takes, for the block and
// box characters stride prints (one cell each).
func width(s string) int { return utf8.RuneCountInString(s) }

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
	r := []rune(s)
	return string(r[:max(0, n-1)]) + "…"
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
