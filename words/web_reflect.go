package words

import (
	"fmt"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// This file holds what the web app's reflection pages say: the GROW
// questions, the weekly review's prompts, the evidence a doubt is weighed
// against, and the kind lines about focus, done-when and work. The
// questions are the command line's (cli_reflect.go), so both ask alike;
// the tone test (tone_test.go) reads every line here and in the templates.

// Question is one question of a guided form: its field, the question as the
// form asks it, and a hint that shows how an answer can look.
type Question struct {
	Field string
	Label string
	Hint  string
}

// GROW is the four questions of a lesson, in the GROW model's order: the
// command line's questions, so both ask alike.
var GROW = []Question{
	{Field: "wanted", Label: LessonQuestions.Wanted.Title, Hint: LessonQuestions.Wanted.Help},
	{Field: "happened", Label: LessonQuestions.Happened.Title, Hint: LessonQuestions.Happened.Help},
	{Field: "options", Label: LessonQuestions.Options.Title, Hint: LessonQuestions.Options.Help},
	{Field: "next", Label: LessonQuestions.Next.Title, Hint: LessonQuestions.Next.Help},
}

// ReviewPrompts is the weekly review's four prompts, in order.
var ReviewPrompts = []Question{
	{Field: "went_well", Label: ReviewQuestions.WentWell.Title, Hint: ReviewQuestions.WentWell.Help},
	{Field: "learned", Label: ReviewQuestions.Learned.Title, Hint: ReviewQuestions.Learned.Help},
	{Field: "obstacles", Label: ReviewQuestions.Obstacles.Title, Hint: ReviewQuestions.Obstacles.Help},
	{Field: "next_focus", Label: ReviewQuestions.NextFocus.Title, Hint: ReviewQuestions.NextFocus.Help},
}

// LessonIntro explains the lesson form in one line.
const LessonIntro = "A setback is information. Answer whichever questions help; one is enough to keep the lesson."

// ThemesHint invites themes, naming the user's own so far.
func ThemesHint(known []string) string {
	if len(known) == 0 {
		return "A few words, separated by commas, such as “time, energy, travel”. Themes that come back are shown on the lessons page."
	}
	if len(known) > 8 {
		known = known[:8]
	}
	return "Separated by commas. Your themes so far: " + strings.Join(known, ", ") + "."
}

// RecurringTheme says how often a theme came back: "came up 3 times,
// in walk and read". Counts of one are "once so far".
func RecurringTheme(t *stride.Theme) string {
	s := "once so far"
	if t.Count > 1 {
		s = fmt.Sprintf("came up %d times", t.Count)
	}
	if len(t.Goals) > 0 {
		s += ", in " + joinAnd(t.Goals)
	}
	return s
}

// joinAnd joins names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// DoubtIntro explains the doubt journal in one line.
const DoubtIntro = "Self-doubt is normal. Write the doubt down as it sounds in your head, then look at what your own record says."

// NoEvidenceYet is shown when the record of the last days is empty.
const NoEvidenceYet = "Your record is just beginning, which is fine. Think of a time you did something hard before, or what a friend would say to you."

// Revisit says what a revisit found.
func Revisit(r stride.Revisit) string {
	if r.Holds {
		return "still felt true then"
	}
	return "no longer holds"
}

// RevisitIntro is the question asked when a doubt is looked at again.
const RevisitIntro = "Look at it again with fresh eyes. Whatever the answer, writing it down helps."

// FocusPrompt asks for the day's one key task.
const FocusPrompt = "What is the one task that matters most today? Do it before the day gets busy."

// FocusCarry offers an earlier unfinished focus again, without blame:
// "“draft the intro” from Tue 2026-06-16 is still open. Carry it over, or
// pick something new: both are fine."
func FocusCarry(f *stride.Focus) string {
	return fmt.Sprintf("“%s” from %s is still open. Carry it over, or pick something new today: both are fine.", f.Text, Day(f.Day))
}

// FocusCarried names where a carried focus came from.
func FocusCarried(from stride.Date) string {
	return "carried over from " + Day(from)
}

// DoneWhenMet says a goal's done-when is met and suggests finishing.
func DoneWhenMet(g *stride.Goal) string {
	what := g.DoneWhen
	if what == "" && g.DoneWhenAmount != nil {
		what = Amount(*g.DoneWhenAmount, g.Unit) + " in all"
	}
	day := ""
	if g.DoneWhenMet != nil {
		day = " on " + Day(*g.DoneWhenMet)
	}
	return fmt.Sprintf("You set out for “%s”, and you got there%s. Finishing is worth celebrating: you can mark the goal done, or keep going if you want to.", what, day)
}

// GoodEnough is the gentle note for a goal edited again and again after
// its done-when was met.
func GoodEnough(edits int) string {
	return fmt.Sprintf("You have adjusted this goal %s since its done-when was met. Is it good enough already? Finishing is a fine choice, and so is a new goal for what comes next.", Plural(edits, "time"))
}

// WorkNudge says kindly why a work could be shared or shipped now, or ""
// when there is no reason to.
func WorkNudge(w *stride.Work) string {
	if w.Nudge() == "" {
		return ""
	}
	if w.DoneWhenMet != nil {
		return "Its done-when is met: it may be ready to ship. Shipping does not close it; you can keep refining the next version."
	}
	since := "so far"
	if w.Version > 1 {
		since = "since the last ship"
	}
	return fmt.Sprintf("%s %s. Feedback could help more than another pass: share it with someone, or ship this version as it is.", capitalize(Plural(w.Unshipped, "iteration")), since)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// WorkState names where a work stands: "version 2, shipped" or "version 3,
// 2 iterations".
func WorkState(w *stride.Work) string {
	switch {
	case w.Shipped:
		return fmt.Sprintf("version %d, shipped", w.Version)
	case w.Unshipped == 0:
		return fmt.Sprintf("version %d, no iterations yet", w.Version)
	}
	return fmt.Sprintf("version %d, %s", w.Version, Plural(w.Unshipped, "iteration"))
}

// DoneWhenReached follows the done-when win of a step on the web: where
// finishing is.
const DoneWhenReached = "You can mark the goal done on its page, or keep going: your choice."

// HowFarLater is said while a goal has less than eight weeks of record.
const HowFarLater = "After eight weeks, this shows your first four weeks beside your latest four."

// Review intro and saved lines.
const (
	ReviewIntro = "A few minutes to look back: first what the record says, then your own words. Every prompt is optional."
	NoReviews   = "No reviews yet. The first one takes five minutes, and past reviews stay here to read."
)

// ReviewSaved is the flash after saving a review; focusDay is the day the
// next focus was set on, or nil.
func ReviewSaved(week stride.Date, focusDay *stride.Date) string {
	s := "Your review of the week of " + Day(week) + " is saved."
	if focusDay != nil {
		s += " Next week's focus is set for " + Day(*focusDay) + "."
	}
	return s
}

// FocusKept says a review's next focus did not replace the focus the day
// already had, which the user chose themselves.
func FocusKept(kept *stride.Focus) string {
	s := Day(kept.Day) + " already has a focus, which stays: " + kept.Text
	if kept.Done {
		s += " (done)"
	}
	return s + ". The review keeps the one you wrote."
}

// WeekRange names a week: "Mon 2026-06-15 to Sun 2026-06-21".
func WeekRange(from, to stride.Date) string {
	return Day(from) + " to " + Day(to)
}

// WinsStretch says what stretch the wins page shows, and in which
// order: the last stride.WinsDays days unless a day was picked.
func WinsStretch(picked bool) string {
	if picked {
		return "Newest first."
	}
	return fmt.Sprintf("The last %d days, newest first: pick an earlier day to see more.", stride.WinsDays)
}

// NoWins is said when a period earned no wins yet.
const NoWins = "No celebrations in this stretch yet. They come from the record itself: a first step, a milestone, a steady week, a comeback."

// WeeksNote says how to read a goal's chart of weeks: what its dashed line
// is (the target's ask, or for a limit the limit, each lowered by rest
// days) and, for a limit judged day by day, when a week kept it.
func WeeksNote(g *stride.Goal) string {
	if g.Direction != stride.AtMost {
		return "Bars are each week's total; the dashed line is what the target asked of that week (a rest day lowers it)."
	}
	if t := g.Target; momentum.ByLongWindow(t) {
		return fmt.Sprintf("Bars are each week's total; the dashed line is a week's even share of %s, a guide rather than the limit: "+
			"a day keeps the limit when its last %d days held no more than %s.", PeriodLimit(t, g.Unit), t.Days(), Amount(t.Amount, limitUnit(t, g.Unit)))
	}
	s := "Bars are each week's total; the dashed line is the limit for that week (a rest day lowers it)."
	if momentum.ByDay(g.Target) {
		s += " A week is within the limit when none of its days went over " + PeriodLimit(g.Target, g.Unit) + "."
	}
	return s
}

// limitUnit is the unit a limit's amount is counted in: none for a count.
func limitUnit(t stride.Target, unit string) string {
	if t.Count {
		return ""
	}
	return unit
}
