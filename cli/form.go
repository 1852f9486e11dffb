package cli

// This file holds the guided forms (questions asked one at a time) and the helpers the
// reflection commands share: the check for a service an older server
// lacks, record ids, lists given as flags, and text wrapped to 80 columns.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/strideapp/stride"
)

// question is one question of a guided form: a text answer (value) or a
// yes/no answer (yes).
type question struct {
	title, help string
	value       *string
	long        bool  // an answer that may take several lines
	yes         *bool // a yes/no question instead of a text one
}

// errAborted says the user left a form: nothing is saved, and that is fine.
var errAborted = errors.New("nothing saved")

// errEnd is the end of the input (Ctrl-D on a terminal): it ends a long
// answer already begun, and leaves the form anywhere else.
var errEnd = errors.New("end of the input")

// readFunc prints a prompt and reads one line of an answer; pasted says
// the line came in a paste (bracketed paste), where an empty line belongs
// to the answer rather than ending it.
type readFunc func(prompt string) (line string, pasted bool, err error)

// ask asks the questions one at a time, on standard error, and fills their
// values; a text question whose value holds an earlier answer shows it: an
// empty answer keeps it, "-" clears it. On a terminal each answer is typed
// with line editing (golang.org/x/term: arrows, Home and End, Ctrl-U,
// Ctrl-K, Ctrl-W, the answers given before with Up, pasting), and a long
// answer may run over several lines, an empty line typed (not pasted) or
// Ctrl-D ending it. With ACCESSIBLE set, TERM=dumb, or standard input or
// error not a terminal (as in tests), each answer is one plain line, read
// a byte at a time so that nothing after it is read ahead. Ctrl-C, or
// Ctrl-D before an answer is begun, leaves the form: it returns
// errAborted, and the caller saves nothing.
func (a *app) ask(ctx context.Context, qs ...question) error {
	read := readFunc(a.plainLine)
	plain := a.plainForms()
	if f, ok := a.env.Stdin.(*os.File); ok && !plain {
		keys := &keyReader{r: f}
		newTerminal := func() *term.Terminal {
			return term.NewTerminal(struct {
				io.Reader
				io.Writer
			}{keys, a.env.Stderr}, "")
		}
		t := newTerminal()
		read = func(prompt string) (string, bool, error) {
			line, pasted, err := editLine(f, t, keys, a.env.Stderr, prompt)
			if errors.Is(err, errEnd) || errors.Is(err, errAborted) {
				// x/term keeps the Ctrl-D or Ctrl-C it returned on as
				// input still to read: a new one starts clean.
				t = newTerminal()
			}
			return line, pasted, err
		}
	}
	sty := a.sty
	if plain {
		sty = style{}
	}
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Fprintln(a.env.Stderr)
		fmt.Fprintln(a.env.Stderr, sty.bold(q.title))
		for _, line := range strings.Split(strings.TrimRight(q.help, "\n"), "\n") {
			if line != "" {
				indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
				fmt.Fprintln(a.env.Stderr, sty.dim(hang(indent, strings.TrimSpace(line))))
			}
		}
		var err error
		switch {
		case q.yes != nil:
			*q.yes, err = askYes(a.env.Stderr, read)
		default:
			var answer string
			if *q.value != "" {
				fmt.Fprintln(a.env.Stderr, sty.dim(hang("", "Now: "+oneLine(*q.value))))
				fmt.Fprintln(a.env.Stderr, sty.dim("An empty answer keeps it; - clears it."))
			}
			answer, err = a.askText(read, sty, q.long && !plain)
			switch {
			case err != nil:
			case answer == "-" && *q.value != "":
				*q.value = ""
			case answer != "":
				*q.value = answer
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// askYes reads a yes or a no, asking again until it gets one.
func askYes(w io.Writer, read readFunc) (bool, error) {
	for {
		line, _, err := read("(y/n) ")
		if errors.Is(err, errEnd) {
			return false, errAborted
		}
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		fmt.Fprintln(w, "Answer y for yes or n for no.")
	}
}

// askText reads an answer of at most stride.MaxTextLen characters, asking
// again while it is longer; a long one runs until an empty line typed, or
// the end of the input once begun.
func (a *app) askText(read readFunc, sty style, long bool) (string, error) {
	if long {
		fmt.Fprintln(a.env.Stderr, sty.dim("Several lines are fine; an empty line or Ctrl-D ends the answer."))
	}
	for {
		var lines []string
		for {
			line, pasted, err := read("> ")
			if errors.Is(err, errEnd) && long && len(lines) > 0 {
				break
			}
			if errors.Is(err, errEnd) {
				return "", errAborted
			}
			if err != nil {
				return "", err
			}
			line = strings.TrimRight(line, " \t")
			if line == "" && !pasted && (len(lines) > 0 || long) {
				break
			}
			lines = append(lines, line)
			if !long {
				break
			}
		}
		answer := strings.TrimSpace(strings.Join(lines, "\n"))
		if n := utf8.RuneCountInString(answer); n > stride.MaxTextLen {
			fmt.Fprintf(a.env.Stderr, "That is %d characters; keep it to %d, and say it again:\n", n, stride.MaxTextLen)
			continue
		}
		return answer, nil
	}
}

// plainLine prints prompt and reads one line, a byte at a time. The end of
// the input before any byte is errEnd.
func (a *app) plainLine(prompt string) (string, bool, error) {
	fmt.Fprint(a.env.Stderr, prompt)
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := a.env.Stdin.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				return strings.TrimSuffix(string(line), "\r"), false, nil
			}
			line = append(line, b[0])
			continue
		}
		if err == io.EOF && len(line) > 0 {
			fmt.Fprintln(a.env.Stderr)
			return string(line), false, nil
		}
		if err == io.EOF {
			fmt.Fprintln(a.env.Stderr)
			return "", false, errEnd
		}
		if err != nil {
			return "", false, fmt.Errorf("read the answer: %w", err)
		}
	}
}

// keyReader passes a terminal's input on and remembers whether the last
// control key read was Ctrl-C, which x/term reports as io.EOF as it does
// Ctrl-D.
type keyReader struct {
	r     io.Reader
	ctrlC bool
}

func (k *keyReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	for _, b := range p[:n] {
		switch b {
		case 3:
			k.ctrlC = true
		case 4:
			k.ctrlC = false
		}
	}
	return n, err
}

// editLine reads one line with t's line editing and bracketed paste, the
// terminal f in raw mode only while it does; w is where t echoes. Ctrl-C
// is errAborted, Ctrl-D on an empty line errEnd.
func editLine(f *os.File, t *term.Terminal, keys *keyReader, w io.Writer, prompt string) (string, bool, error) {
	fd := int(f.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return "", false, fmt.Errorf("read the answer: %w", err)
	}
	defer term.Restore(fd, old) //nolint:errcheck // nothing better to do on the way out
	if cols, rows, err := term.GetSize(fd); err == nil && cols > 0 {
		_ = t.SetSize(cols, rows) // wrapping only
	}
	t.SetBracketedPasteMode(true)
	defer t.SetBracketedPasteMode(false)
	t.SetPrompt(prompt)
	keys.ctrlC = false
	line, err := t.ReadLine()
	switch {
	case errors.Is(err, term.ErrPasteIndicator):
		return line, true, nil
	case errors.Is(err, io.EOF) && keys.ctrlC:
		fmt.Fprint(w, "\r\n") // the terminal is raw: a line feed alone would not return
		return "", false, errAborted
	case errors.Is(err, io.EOF):
		fmt.Fprint(w, "\r\n")
		return "", false, errEnd
	}
	return line, false, err
}

// plainForms says whether forms ask line by line in plain text: on a
// terminal, the line editor's echo goes where the prompts go, so both
// must be one.
func (a *app) plainForms() bool {
	return !isTerminal(a.env.Stdin) || !isTerminal(a.env.Stderr) || a.env.Getenv("ACCESSIBLE") != "" || a.env.Getenv("TERM") == "dumb"
}

// aborted turns errAborted into a calm word on standard error and no error.
func (a *app) aborted(err error) error {
	if errors.Is(err, errAborted) {
		fmt.Fprintln(a.env.Stderr, "Nothing saved.")
		return nil
	}
	return err
}

// need returns the service s, or an error saying that the store behind
// this run does not keep what (a server older than this stride, most
// likely). The reflection services joined Services after the others.
func need[T any](a *app, s T, what string) (T, error) {
	if any(s) != nil {
		return s, nil
	}
	if a.server != "" {
		return s, stride.Errorf(stride.EINTERNAL, "the server at %s does not keep %s yet: it runs an older stride. Update it, or use a local database with --db", a.serverHost(), what)
	}
	return s, stride.Errorf(stride.EINTERNAL, "this store does not keep %s yet", what)
}

// parseRecordID reads the id of a lesson, a doubt or another numbered
// record; list names the command that shows the ids.
func parseRecordID(s, what, list string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%s id %q is not a number: use the id shown by %s, such as 3", what, s, list)
	}
	return id, nil
}

// recordNotFound words an ENOTFOUND of a numbered record.
func recordNotFound(err error, what string, id int64, list string) error {
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return stride.Errorf(stride.ENOTFOUND, "no %s with id %d: find the ids with: %s", what, id, list)
	}
	return err
}

// joinArgs joins the words of a free-text argument ("stride focus draft
// the intro").
func joinArgs(args []string) string { return strings.TrimSpace(strings.Join(args, " ")) }

// splitList reads repeated, comma-separated flag values ("--theme time
// --theme energy,travel").
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, part := range strings.Split(v, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// writeBlock prints a labelled text block: the label, then the text
// wrapped and indented by two spaces. Nothing for empty text.
func (a *app) writeBlock(w io.Writer, label, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	fmt.Fprintln(w, a.sty.dim(label))
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.TrimSpace(para) == "" {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintln(w, hang("  ", para))
	}
}

// oneLine flattens text to one line for tables.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// hang wraps text after prefix within lineWidth, indenting later lines by
// the prefix's width. A command in backticks is never broken.
func hang(prefix, text string) string {
	var b strings.Builder
	b.WriteString(prefix)
	ind := width(prefix)
	col := ind
	parts := strings.Split(text, "`")
	for i := 1; i < len(parts); i += 2 {
		parts[i] = strings.ReplaceAll(parts[i], " ", "\x00")
	}
	var words []string
	for _, word := range strings.Fields(strings.Join(parts, "`")) {
		word = strings.ReplaceAll(word, "\x00", " ")
		if strings.HasPrefix(word, "`") { // a command stays whole
			words = append(words, word)
			continue
		}
		words = append(words, chunks(word, lineWidth-ind)...) // text without spaces breaks anywhere
	}
	for i, word := range words {
		wl := width(word)
		switch {
		case i > 0 && col+1+wl > lineWidth:
			b.WriteString("\n" + strings.Repeat(" ", ind))
			col = ind
		case i > 0:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += wl
	}
	return b.String()
}
