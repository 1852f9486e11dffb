package cli

// This file holds the guided forms (charm.land/huh/v2) and the helpers the
// reflection commands share: the check for a service an older server
// lacks, record ids, lists given as flags, and text wrapped to 80 columns.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/strideapp/stride"
)

// question is one question of a guided form: a text answer (value) or a
// yes/no answer (yes).
type question struct {
	title, help string
	value       *string
	long        bool  // a multi-line answer
	yes         *bool // a yes/no question instead of a text one
}

// errAborted says the user left a form: nothing is saved, and that is fine.
var errAborted = errors.New("nothing saved")

// ask asks the questions on the terminal, one at a time, and fills their
// values. Prompts go to standard error. Run with ACCESSIBLE set, TERM=dumb
// or a standard input that is not a real terminal (as in tests), it asks
// line by line in plain text, each question's help printed before it.
// It returns errAborted when the user leaves the form.
func (a *app) ask(ctx context.Context, qs ...question) error {
	fields := make([]huh.Field, len(qs))
	for i, q := range qs {
		switch {
		case q.yes != nil:
			fields[i] = huh.NewConfirm().Title(q.title).Description(q.help).Affirmative("Yes").Negative("No").Value(q.yes)
		case q.long:
			fields[i] = huh.NewText().Title(q.title).Description(q.help).CharLimit(stride.MaxTextLen).Value(q.value)
		default:
			fields[i] = huh.NewInput().Title(q.title).Description(q.help).CharLimit(stride.MaxTextLen).Value(q.value)
		}
	}
	if !a.plainForms() {
		groups := make([]*huh.Group, len(fields))
		for i, f := range fields {
			groups[i] = huh.NewGroup(f)
		}
		err := huh.NewForm(groups...).WithInput(a.env.Stdin).WithOutput(a.env.Stderr).RunWithContext(ctx)
		if errors.Is(err, huh.ErrUserAborted) {
			return errAborted
		}
		return err
	}
	// Plain mode: huh reads each answer with a new line scanner, so the
	// input is handed over one byte at a time and no answer is read ahead.
	in := oneByteReader{a.env.Stdin}
	out := &colorprofile.Writer{Forward: a.env.Stderr, Profile: colorprofile.NoTTY}
	for i, q := range qs {
		if q.help != "" {
			fmt.Fprintln(a.env.Stderr, q.help)
		}
		if err := huh.NewForm(huh.NewGroup(fields[i])).WithAccessible(true).WithInput(in).WithOutput(out).RunWithContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// plainForms says whether forms ask line by line in plain text.
func (a *app) plainForms() bool {
	return !isTerminal(a.env.Stdin) || a.env.Getenv("ACCESSIBLE") != "" || a.env.Getenv("TERM") == "dumb"
}

type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
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
