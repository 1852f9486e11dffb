package cli

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type journalOptions struct {
	goal, since string
	json        bool
}

func (a *app) journalCmd() *cobra.Command {
	var o journalOptions
	cmd := &cobra.Command{
		Use:   "journal [GOAL] [--since DATE]",
		Short: "Notes, what you learned and lessons, day by day",
		Long: `The journal: the notes and "what I learned" reflections of your steps and
the lessons you wrote, day by day, oldest first. Steps with neither a note
nor a reflection are left out (stride steps lists them all). With GOAL, only
that goal's.`,
		Example: `  stride journal
  stride journal walk --since 2026-01-01
  stride log walk 30 --learned "an easy pace lasts longer"`,
		Args: cobra.MaximumNArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.goal = args[0]
			}
			return a.runJournal(cmd.Context(), o)
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().StringVar(&o.since, "since", "", "first day (default 30 days ago): YYYY-MM-DD, -90d, mon...")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the journal as a JSON array of days")
	return cmd
}

// journalDay is one day of the journal.
type journalDay struct {
	Date    stride.Date      `json:"date"`
	Steps   []*stride.Step   `json:"steps"`
	Lessons []*stride.Lesson `json:"lessons"`
}

func (a *app) runJournal(ctx context.Context, o journalOptions) error {
	today := a.today()
	since := today.AddDays(-29)
	if o.since != "" {
		d, err := a.parseDate(o.since)
		if err != nil {
			return err
		}
		since = d
	}
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	sf := stride.StepFilter{Since: &since, Until: &today}
	var lf stride.LessonFilter
	lf.Since, lf.Until = &since, &today
	if o.goal != "" {
		g, err := a.findGoal(ctx, svc, o.goal)
		if err != nil {
			return err
		}
		sf.GoalID, lf.GoalID = &g.ID, &g.ID
	}
	steps, err := svc.Steps.FindSteps(ctx, sf)
	if err != nil {
		return err
	}
	var lessons []*stride.Lesson
	if svc.Lessons != nil { // an older server: the steps' notes alone
		if lessons, err = svc.Lessons.FindLessons(ctx, lf); err != nil {
			return err
		}
	}
	days := journal(steps, lessons)
	if o.json {
		return writeJSON(a.env.Stdout, days)
	}
	if len(days) == 0 {
		say(a.env.Stderr, "Nothing in the journal since %s. Add a note or what you learned to a step: stride log walk 20 --learned \"an easy pace lasts longer\"\n", words.Day(since))
		return nil
	}
	a.writeJournal(a.env.Stdout, days, o.goal == "")
	return nil
}

// journal groups the steps with a note or a reflection, and the lessons,
// by day, oldest first.
func journal(steps []*stride.Step, lessons []*stride.Lesson) []journalDay {
	by := map[stride.Date]*journalDay{}
	at := func(d stride.Date) *journalDay {
		if by[d] == nil {
			by[d] = &journalDay{Date: d, Steps: []*stride.Step{}, Lessons: []*stride.Lesson{}}
		}
		return by[d]
	}
	for _, s := range steps {
		if s.Note != "" || s.Learned != "" {
			j := at(s.Day)
			j.Steps = append(j.Steps, s)
		}
	}
	for i := len(lessons) - 1; i >= 0; i-- { // the store gives them newest first
		j := at(lessons[i].Day)
		j.Lessons = append(j.Lessons, lessons[i])
	}
	out := make([]journalDay, 0, len(by))
	for _, j := range by {
		out = append(out, *j)
	}
	slices.SortFunc(out, func(x, y journalDay) int { return int(x.Date - y.Date) })
	return out
}

func (a *app) writeJournal(w io.Writer, days []journalDay, withGoal bool) {
	s := a.sty
	for i, d := range days {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, s.bold(words.Day(d.Date)))
		for _, st := range d.Steps {
			what := words.Amount(st.Amount, st.Unit)
			if withGoal {
				what += " of " + st.Goal
			}
			if st.Unit == "" && st.Amount == 1 && withGoal {
				what = st.Goal
			}
			if st.Note != "" {
				fmt.Fprintln(w, hang("  "+what+": ", oneLine(st.Note)))
			} else {
				fmt.Fprintln(w, "  "+what)
			}
			if st.Learned != "" {
				fmt.Fprintln(w, s.cyan(hang("    learned: ", oneLine(st.Learned))))
			}
		}
		for _, l := range d.Lessons {
			head := fmt.Sprintf("  lesson %d", l.ID)
			if withGoal && l.Goal != "" {
				head += " (" + l.Goal + ")"
			}
			fmt.Fprintln(w, hang(head+": ", lessonGist(l)))
		}
	}
}
