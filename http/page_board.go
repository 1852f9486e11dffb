package http

import (
	"context"
	"html/template"
	"net/http"
	"slices"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/chart"
	"github.com/strideapp/stride/words"
)

// boardView is the board: today's focus at the top, then one card per
// active goal.
type boardView struct {
	Today string
	Focus *focusPanel
	Cards []*cardView
}

// cardView is one goal on the board, with its one-tap log form, and the
// cards of its sub-goals under it.
type cardView struct {
	ID       int64
	Name     string
	Target   string
	Unit     string
	Check    bool
	Percent  int // momentum as a whole percentage, for the bar
	Momentum string
	Pace     string
	PaceWord string
	State    stride.PaceState
	Next     string // the smallest step, shown when there is room to catch up
	Spark    template.HTML
	Steps    []stepLine // today's
	Quick    []quickAmount
	// QuickID and CustomID are the request ids of the two forms, new on
	// every render, so a double tap stores one step.
	QuickID, CustomID string
	Today             string // YYYY-MM-DD, the custom form's default date
	// MovedFrom (momentum before the last tap) and Message say what the
	// last tap did (htmx only; without JavaScript the flash says it).
	MovedFrom string
	Message   string
	Wins      []string // what the last tap earned (htmx only, as Message)
	Errors    fieldErrors
	Form      stepForm // the custom form's values after an error
	Open      bool     // the custom form starts open (after an error)

	// Level is the card heading's level: 2 at the top, 3 and 4 for
	// sub-goals, so headings nest as the goals do.
	Level int
	// Off is the state in words of a parent off the board (paused, done,
	// archived), shown only to hold its active sub-goals; such a card has
	// no pace and no form.
	Off  string
	Subs []*cardView // the cards of its sub-goals, by name
}

// stepLine is one step as a card or list shows it.
type stepLine struct {
	ID     int64
	Day    string
	Amount string
	Note   string
	Effort string
	Energy string
	// From is the month (YYYY-MM) of the steps page listing it, where its
	// edit and delete go back to; "" goes back to the goal's page.
	From string
}

// quickAmount is one of a card's one-tap buttons.
type quickAmount struct {
	Label string // "+5 min"
	Value string // "5", in the goal's unit
	Title string // what the button means: "the smallest step", "the usual"
}

// handleBoard shows every active goal as a card with a one-tap log form.
func (s *Server) handleBoard() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		view, err := s.board(r.Context(), s.today(r.Context()))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "board.html", page{Title: "Today", Nav: "today", Data: view})
	})
}

// board builds the board on today.
func (s *Server) board(ctx context.Context, today stride.Date) (*boardView, error) {
	status, err := s.svc.Status.Status(ctx, today)
	if err != nil {
		return nil, err
	}
	recent, err := s.recentSteps(ctx, nil, today)
	if err != nil {
		return nil, err
	}
	focus, err := s.focusPanel(ctx, today, "/")
	if err != nil {
		return nil, err
	}
	nodes, err := stride.NestBoard(status, func(id int64) (*stride.Goal, error) { return s.svc.Goals.FindGoalByID(ctx, id) })
	if err != nil {
		return nil, err
	}
	view := &boardView{Today: words.Day(today), Focus: focus}
	var cards func(nodes []*stride.GoalNode, level int) []*cardView
	cards = func(nodes []*stride.GoalNode, level int) []*cardView {
		var out []*cardView
		for _, n := range nodes {
			var c *cardView
			if n.Status == nil {
				c = &cardView{ID: n.Goal.ID, Name: n.Goal.Name, Off: words.GoalState(n.Goal, today)}
			} else {
				c = newCard(n.Status, recent[n.Status.ID], today)
			}
			c.Level, c.Subs = level, cards(n.Subs, min(level+1, maxCardLevel))
			out = append(out, c)
		}
		return out
	}
	view.Cards = cards(nodes, 2)
	return view, nil
}

// maxCardLevel is the deepest card heading: sub-goals further down keep h4.
const maxCardLevel = 4

// card returns the card of goal id, at any depth, or nil.
func (v *boardView) card(id int64) *cardView {
	var find func(cards []*cardView) *cardView
	find = func(cards []*cardView) *cardView {
		for _, c := range cards {
			if c.ID == id && c.Off == "" {
				return c
			}
			if f := find(c.Subs); f != nil {
				return f
			}
		}
		return nil
	}
	return find(v.Cards)
}

// cardLevel returns the heading level of a goal's card as the board
// nests it, for a card rendered alone (after a tap): one read per parent.
func (s *Server) cardLevel(ctx context.Context, gs *stride.GoalStatus) int {
	level := 2
	for p := gs.ParentID; p != nil && level < maxCardLevel; level++ {
		g, err := s.svc.Goals.FindGoalByID(ctx, *p)
		if err != nil {
			break // the level only shapes the heading: a missed read leaves it shallower
		}
		p = g.ParentID
	}
	return level
}

// recentDays is how far back "the usual" amount looks.
const recentDays = 60

// recentSteps returns the steps of the last recentDays days by goal, the
// latest last; goalID narrows them to one goal.
func (s *Server) recentSteps(ctx context.Context, goalID *int64, today stride.Date) (map[int64][]*stride.Step, error) {
	since := today.AddDays(-recentDays)
	steps, err := s.svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: goalID, Since: &since, Until: &today})
	if err != nil {
		return nil, err
	}
	by := map[int64][]*stride.Step{}
	for _, st := range steps {
		by[st.GoalID] = append(by[st.GoalID], st)
	}
	return by, nil
}

// newCard builds a goal's card from its status and its recent steps.
func newCard(gs *stride.GoalStatus, recent []*stride.Step, today stride.Date) *cardView {
	c := &cardView{
		ID: gs.ID, Name: gs.Name, Level: 2, Target: words.StatusTarget(gs), Unit: gs.Unit, Check: gs.Kind == "check",
		Percent: int(gs.Momentum*100 + 0.5), Momentum: words.Pct(gs.Momentum),
		Pace: words.Pace(gs.Pace, gs.Unit), PaceWord: words.PaceWord(gs.Pace), State: gs.Pace.State,
		QuickID: newRequestID(), CustomID: newRequestID(), Today: today.String(),
	}
	if gs.Pace.State == stride.PaceBehind {
		c.Next = words.Next(gs)
	}
	scale := 1.0
	if g := gs.Goal; g != nil && !g.Target.Count {
		scale = g.Target.Amount / float64(g.Target.Days())
	}
	recentDays := gs.Recent
	for len(recentDays) > 1 && gs.Goal != nil && recentDays[0].Date < gs.Goal.Start {
		recentDays = recentDays[1:] // no gaps before the goal began
	}
	c.Spark = chart.Spark(recentDays, scale)
	var amounts []float64
	for _, st := range recent {
		amounts = append(amounts, st.Amount)
		if st.Day == today {
			c.Steps = append(c.Steps, newStepLine(st, gs.Unit))
		}
	}
	if c.Check {
		c.Quick = []quickAmount{{Label: "Done", Value: "1", Title: "mark today done"}}
		return c
	}
	small := gs.Next.Amount
	if small <= 0 {
		small = 1
	}
	title := "the smallest step"
	if gs.Direction == stride.AtMost {
		title = "record " + words.Amount(small, gs.Unit) // a limit asks for no more
	}
	c.Quick = append(c.Quick, quickAmount{Label: "+" + words.Amount(small, gs.Unit), Value: stride.FormatNumber(small), Title: title})
	if usual := usualAmount(amounts); usual > 0 && stride.FormatNumber(usual) != stride.FormatNumber(small) {
		c.Quick = append(c.Quick, quickAmount{Label: "+" + words.Amount(usual, gs.Unit), Value: stride.FormatNumber(usual), Title: "the usual"})
	}
	return c
}

// newStepLine formats a step for a list.
func newStepLine(st *stride.Step, unit string) stepLine {
	l := stepLine{ID: st.ID, Day: words.Day(st.Day), Amount: words.Amount(st.Amount, unit), Note: st.Note}
	if st.Effort != nil {
		l.Effort = words.Amount(*st.Effort, stride.MinutesUnit) + " of effort"
	}
	if st.Energy != nil {
		l.Energy = "energy " + stride.FormatNumber(float64(*st.Energy)) + "/5"
	}
	return l
}

// usualAmount returns the middle of the amounts, or 0 for none. With an
// even count it is the lower of the middle two, not their mean: the
// button offers an amount the user logged (10.5 km or 11.2 km, not
// 10.85 km; 30 min or 31, not 30.5), and the lower one keeps it small.
func usualAmount(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	return v[(len(v)-1)/2]
}
