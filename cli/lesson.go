package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// lessonFields are the flags lesson add and lesson edit share.
type lessonFields struct {
	goal, date                      string
	wanted, happened, options, next string
	themes                          []string
}

func (o *lessonFields) flags(f *pflag.FlagSet) {
	f.StringVar(&o.goal, "for", "", "the `GOAL` it is about (optional)")
	f.StringVar(&o.wanted, "wanted", "", "Goal: what you wanted")
	f.StringVar(&o.happened, "happened", "", "Reality: what happened")
	f.StringVar(&o.options, "options", "", "Options: what you could do")
	f.StringVar(&o.next, "next", "", "Way forward: what you will do next")
	f.StringArrayVar(&o.themes, "theme", nil, "a theme such as time (repeat, or comma-separated)")
	f.StringVar(&o.date, "date", "", "the day (default today): YYYY-MM-DD, -3d, mon...")
}

// contentFlags are the flags that carry a lesson's content.
var contentFlags = []string{"wanted", "happened", "options", "next", "theme"}

func (a *app) lessonCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lesson",
		Short: "Turn setbacks into lessons (GROW) and see recurring themes",
		Long: `A lesson is a setback turned into learning, in the four GROW questions:
what you wanted (Goal), what happened (Reality), what you could do (Options)
and what you will do next (Way forward), with themes of your own. Themes
that recur are worth a look: stride lesson themes.`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.runLessonList(cmd.Context(), lessonListOptions{})
		}),
	}
	cmd.AddCommand(a.lessonAddCmd(), a.lessonListCmd(), a.lessonShowCmd(), a.lessonEditCmd(),
		a.lessonDeleteCmd(), a.lessonThemesCmd())
	return cmd
}

func (a *app) lessonAddCmd() *cobra.Command {
	var o lessonFields
	cmd := &cobra.Command{
		Use:   "add [--for GOAL] [--wanted T] [--happened T] [--next T]",
		Short: "Write down a lesson; on a terminal without flags, a guided form",
		Long: `Write down a lesson. On a terminal, with none of --wanted, --happened,
--options, --next or --theme, stride asks the four GROW questions one at a
time. In a script, give at least one of them.`,
		Example: `  stride lesson add
  stride lesson add --for run --happened "skipped three runs: late meetings" \
      --next "run before work on Tuesdays" --theme time --theme work`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.runLessonAdd(cmd.Context(), cmd.Flags(), o)
		}),
	}
	o.flags(cmd.Flags())
	_ = cmd.RegisterFlagCompletionFunc("for", a.completeGoals)
	return cmd
}

func anyChanged(f *pflag.FlagSet, names ...string) bool {
	for _, n := range names {
		if f.Changed(n) {
			return true
		}
	}
	return false
}

func (a *app) runLessonAdd(ctx context.Context, f *pflag.FlagSet, o lessonFields) error {
	l := &stride.Lesson{Wanted: o.wanted, Happened: o.happened, Options: o.options, Next: o.next, Themes: splitList(o.themes)}
	var err error
	if l.Day, err = a.pastDay(o.date, "a lesson belongs to today or earlier"); err != nil {
		return err
	}
	guided := !anyChanged(f, contentFlags...)
	if guided && !a.env.StdinTTY {
		return usagef("what happened? Give at least one of --wanted, --happened, --options or --next (and --theme, repeatable); on a terminal, stride lesson add without them asks one question at a time")
	}
	if !guided {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	ctx, svc, lessons, err := a.openLessons(ctx)
	if err != nil {
		return err
	}
	about := ""
	if o.goal != "" {
		g, err := a.findGoal(ctx, svc, o.goal)
		if err != nil {
			return err
		}
		l.GoalID, about = &g.ID, " about "+g.Name
	}
	if guided {
		themes := ""
		q := words.LessonQuestions
		err := a.ask(ctx,
			question{title: q.Wanted.Title, help: q.Wanted.Help, value: &l.Wanted, long: true},
			question{title: q.Happened.Title, help: q.Happened.Help, value: &l.Happened, long: true},
			question{title: q.Options.Title, help: q.Options.Help, value: &l.Options, long: true},
			question{title: q.Next.Title, help: q.Next.Help, value: &l.Next, long: true},
			question{title: q.Themes.Title, help: q.Themes.Help, value: &themes},
		)
		if err != nil {
			return a.aborted(err)
		}
		l.Themes = splitList([]string{themes})
		if err := l.Validate(); err != nil {
			return err
		}
	}
	if err := lessons.CreateLesson(ctx, l); err != nil {
		return err
	}
	w := a.env.Stdout
	say(w, "%s lesson %d%s on %s. Setbacks are lessons; this one is written down.\n",
		a.sty.green("Saved"), l.ID, about, words.Day(l.Day))
	if l.Next != "" {
		fmt.Fprintln(w, hang("  next: ", oneLine(l.Next)))
	}
	if len(l.Themes) == 0 {
		return nil
	}
	themes, err := lessons.LessonThemes(ctx)
	if err != nil {
		return err
	}
	for _, t := range themes {
		for _, mine := range l.Themes {
			if t.Name == mine && t.Count > 1 {
				say(w, "  %q has come up %s: a theme worth a look (stride lesson themes).\n", t.Name, times(t.Count))
			}
		}
	}
	return nil
}

// times writes a count of occurrences: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

type lessonListOptions struct {
	goal, theme string
	json        bool
}

func (a *app) lessonListCmd() *cobra.Command {
	var o lessonListOptions
	cmd := &cobra.Command{
		Use:     "list [--for GOAL] [--theme T]",
		Aliases: []string{"ls"},
		Short:   "List lessons, newest first",
		Args:    cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.runLessonList(cmd.Context(), o)
		}),
	}
	cmd.Flags().StringVar(&o.goal, "for", "", "only lessons about `GOAL`")
	cmd.Flags().StringVar(&o.theme, "theme", "", "only lessons with this theme")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the lessons as a JSON array")
	_ = cmd.RegisterFlagCompletionFunc("for", a.completeGoals)
	return cmd
}

func (a *app) runLessonList(ctx context.Context, o lessonListOptions) error {
	ctx, svc, lessons, err := a.openLessons(ctx)
	if err != nil {
		return err
	}
	var filter stride.LessonFilter
	if o.goal != "" {
		g, err := a.findGoal(ctx, svc, o.goal)
		if err != nil {
			return err
		}
		filter.GoalID = &g.ID
	}
	if t := strings.ToLower(strings.TrimSpace(o.theme)); t != "" {
		filter.Theme = &t
	}
	ls, err := lessons.FindLessons(ctx, filter)
	if err != nil {
		return err
	}
	none := "No lessons yet. When something does not go to plan, write down what it taught: stride lesson add"
	if filter.GoalID != nil || filter.Theme != nil {
		none = "No lessons match."
	}
	return writeList(a, ls, o.json, none, a.writeLessons)
}

// writeLessons prints one line per lesson: id, day, goal, what happened →
// what comes next, and its themes.
func (a *app) writeLessons(w io.Writer, ls []*stride.Lesson) error {
	idW, goalW := 1, 0
	for _, l := range ls {
		idW = max(idW, len(fmt.Sprint(l.ID)))
		goalW = max(goalW, width(l.Goal))
	}
	goalW = min(goalW, 14)
	for _, l := range ls {
		line := fmt.Sprintf("%s  %s  ", a.sty.dim(fmt.Sprintf("%*d", idW, l.ID)), words.Day(l.Day))
		plain := idW + 2 + 14 + 2
		if goalW > 0 {
			line += pad(clip(l.Goal, goalW), goalW) + "  "
			plain += goalW + 2
		}
		themes := ""
		if len(l.Themes) > 0 {
			themes = "  (" + strings.Join(l.Themes, ", ") + ")"
			themes = clip(themes, 30)
		}
		line += clip(lessonGist(l), max(10, lineWidth-plain-width(themes))) + a.sty.dim(themes)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	return nil
}

// lessonGist is a lesson in a few words: what happened → what comes next.
func lessonGist(l *stride.Lesson) string {
	var parts []string
	for _, s := range []string{l.Happened, l.Next} {
		if s != "" {
			parts = append(parts, oneLine(s))
		}
	}
	if len(parts) == 0 {
		for _, s := range []string{l.Wanted, l.Options} {
			if s != "" {
				parts = append(parts, oneLine(s))
			}
		}
	}
	return strings.Join(parts, " → ")
}

func (a *app) lessonShowCmd() *cobra.Command {
	return recordShowCmd(a, "lesson", "Show a lesson", func(ctx context.Context, arg string) (*stride.Lesson, error) {
		_, _, l, err := a.openLesson(ctx, arg)
		return l, err
	}, a.writeLesson)
}

// openLesson opens the store and finds the lesson with the id in arg.
func (a *app) openLesson(ctx context.Context, arg string) (context.Context, stride.LessonService, *stride.Lesson, error) {
	return openRecord(ctx, arg, "lesson", a.openLessons, stride.LessonService.FindLessonByID)
}

func (a *app) writeLesson(w io.Writer, l *stride.Lesson) {
	head := fmt.Sprintf("Lesson %d · %s", l.ID, words.Day(l.Day))
	if l.Goal != "" {
		head += " · " + l.Goal
	}
	fmt.Fprintln(w, a.sty.bold(head))
	lb := words.LessonLabels
	a.writeBlock(w, lb.Wanted, l.Wanted)
	a.writeBlock(w, lb.Happened, l.Happened)
	a.writeBlock(w, lb.Options, l.Options)
	a.writeBlock(w, lb.Next, l.Next)
	if len(l.Themes) > 0 {
		fmt.Fprintln(w, a.sty.dim("themes: ")+strings.Join(l.Themes, ", "))
	}
}

func (a *app) lessonEditCmd() *cobra.Command {
	var o lessonFields
	cmd := &cobra.Command{
		Use:   "edit ID [flags]",
		Short: "Change a lesson: only the flags given change",
		Long: `Change a lesson. Only the flags given change; --theme replaces the themes
(--theme "" clears them), --for "" detaches the lesson from its goal.`,
		Example: `  stride lesson edit 3 --next "run before work on Tuesdays and Thursdays"
  stride lesson edit 3 --theme time --theme mornings`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runLessonEdit(cmd.Context(), cmd.Flags(), args[0], o)
		}),
	}
	o.flags(cmd.Flags())
	return cmd
}

func (a *app) runLessonEdit(ctx context.Context, f *pflag.FlagSet, arg string, o lessonFields) error {
	if _, err := parseRecordID(arg, "lesson", "stride lesson list"); err != nil {
		return err
	}
	var upd stride.LessonUpdate
	for _, s := range []struct {
		flag string
		v    *string
		dst  **string
	}{{"wanted", &o.wanted, &upd.Wanted}, {"happened", &o.happened, &upd.Happened},
		{"options", &o.options, &upd.Options}, {"next", &o.next, &upd.Next}} {
		if f.Changed(s.flag) {
			*s.dst = s.v // the store trims and checks it
		}
	}
	if f.Changed("theme") {
		themes, err := stride.NormalizeThemes(splitList(o.themes))
		if err != nil {
			return err
		}
		upd.Themes = &themes
	}
	if f.Changed("date") {
		d, err := a.pastDay(o.date, "a lesson belongs to today or earlier")
		if err != nil {
			return err
		}
		upd.Day = &d
	}
	if !f.Changed("for") && upd == (stride.LessonUpdate{}) {
		return usagef("nothing to change: give at least one of --wanted, --happened, --options, --next, --theme, --for or --date")
	}
	ctx, lessons, l, err := a.openLesson(ctx, arg)
	if err != nil {
		return err
	}
	if upd.GoalID, err = a.goalFlag(ctx, f, o.goal); err != nil {
		return err
	}
	if l, err = lessons.UpdateLesson(ctx, l.ID, upd); err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "%s lesson %d (%s).\n", a.sty.green("Updated"), l.ID, words.Day(l.Day))
	return nil
}

func (a *app) lessonDeleteCmd() *cobra.Command {
	return a.recordDeleteCmd("lesson", "Remove a lesson", func(ctx context.Context, arg string) (int64, stride.Date, error) {
		ctx, lessons, l, err := a.openLesson(ctx, arg)
		if err != nil {
			return 0, 0, err
		}
		return l.ID, l.Day, lessons.DeleteLesson(ctx, l.ID)
	})
}

func (a *app) lessonThemesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "themes",
		Short: "Recurring themes of your lessons, most frequent first",
		Args:  cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			ctx, _, lessons, err := a.openLessons(cmd.Context())
			if err != nil {
				return err
			}
			themes, err := lessons.LessonThemes(ctx)
			if err != nil {
				return err
			}
			return writeList(a, themes, asJSON, "No themes yet. Tag a lesson with a word or two: stride lesson add --theme time", a.writeThemes)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the themes as a JSON array")
	return cmd
}

// writeThemes prints one line per theme: name, count, the goals its
// lessons touch and when it came up first and last.
func (a *app) writeThemes(w io.Writer, themes []*stride.Theme) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "THEME\tLESSONS\tGOALS\tFIRST\tLAST")
	recurring := false
	for _, t := range themes {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", clip(t.Name, 16), t.Count, clip(strings.Join(t.Goals, ", "), 18),
			words.Day(t.First), words.Day(t.Last))
		recurring = recurring || t.Count > 1
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if recurring {
		fmt.Fprintln(w, a.sty.dim("A theme that recurs is worth a look: what would make it easier next time?"))
	}
	return nil
}
