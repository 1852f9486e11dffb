package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

func (a *app) whyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "why GOAL",
		Short: "Explain in words how today's momentum came about",
		Long: `Explain a goal's momentum: today against yesterday and a week ago, the
recent days that moved it most and why, how the rolling window and the
half-life work for its target, and what the smallest step would add today.`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runWhy(cmd.Context(), args[0])
		}),
		ValidArgsFunction: a.completeGoals,
	}
}

func (a *app) runWhy(ctx context.Context, name string) error {
	ctx, svc, g, err := a.openGoal(ctx, name)
	if err != nil {
		return err
	}
	today := a.today()
	st, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		return err
	}
	days, err := svc.Status.GoalHistory(ctx, g.ID, words.HistoryFrom(g, today), today)
	if err != nil {
		return err
	}
	a.writeWhy(a.env.Stdout, g, st, days, today)
	return nil
}

func (a *app) writeWhy(w io.Writer, g *stride.Goal, st *stride.GoalStatus, days []stride.Day, today stride.Date) {
	s := a.sty
	why := words.Explain(g, st, days, today)
	fmt.Fprintf(w, "%s: momentum %s today\n", s.bold(g.Name), s.cyan(words.Pct(st.Momentum)))
	fmt.Fprintln(w, "  "+why.Trend())
	for _, group := range []struct {
		title string
		moves []words.Move
	}{
		{"What lifted it most in the last 14 days:", why.Up},
		{"What eased it down:", why.Down},
		{"Steps that softened a dip:", why.Softened},
	} {
		if len(group.moves) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", s.dim(group.title))
		for _, m := range group.moves {
			fmt.Fprintln(w, moveLine(m.Sentence(g)))
		}
	}
	if rest := why.RestSentence(); rest != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(rest, "", lineWidth))
	}
	if len(why.Up) == 0 && len(why.Down) == 0 && len(why.Softened) == 0 && len(why.Rests) == 0 {
		fmt.Fprintf(w, "\nNo changes to explain in the last 14 days yet.\n")
	}
	fmt.Fprintf(w, "\n%s\n\n", wrap(why.HowItWorks(), "", lineWidth))
	if text, nudge := why.Today(); nudge {
		fmt.Fprintln(w, s.yellow(wrap(text, "", lineWidth)))
	} else {
		fmt.Fprintln(w, wrap(text, "", lineWidth))
	}
}

// moveLine lays out one day's sentence ("Sat 28: 4 drinks; …"), indented,
// within lineWidth: a line too long breaks between words and goes on
// under the text after the day, so the credit and the change at its end
// are never cut off.
func moveLine(sentence string) string {
	day, text, ok := strings.Cut(sentence, ": ")
	if !ok {
		return hang("  ", sentence)
	}
	return hang("  "+day+": ", text)
}

// wrap breaks text into lines of at most n cells, each after the first
// starting with indent. ANSI codes are counted, so colour only whole lines.
func wrap(text, indent string, n int) string {
	var b strings.Builder
	col := 0
	var words []string
	for _, word := range strings.Fields(text) {
		words = append(words, chunks(word, n-width(indent))...) // text without spaces breaks anywhere
	}
	for i, word := range words {
		wl := width(word)
		if i > 0 && col+1+wl > n {
			b.WriteString("\n" + indent)
			col = width(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += wl
	}
	return b.String()
}
