package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

func focusDays(fs []*stride.Focus) []stride.Date {
	days := []stride.Date{}
	for _, f := range fs {
		days = append(days, f.Day)
	}
	return days
}

func testFocus(t *testing.T, svc *stride.Services) {
	needService(t, svc.Focus != nil, "focus")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	_, err := svc.Focus.FindFocusByDay(ctx, d)
	wantCode(t, "FindFocusByDay before any", err, stride.ENOTFOUND)

	f := &stride.Focus{Day: d, Text: " draft the intro "}
	must(t, "SetFocus", svc.Focus.SetFocus(ctx, f))
	if f.ID == 0 || f.Text != "draft the intro" || f.Done || f.DoneAt != nil || f.CreatedAt.IsZero() {
		t.Fatalf("SetFocus did not fill the focus: %+v", f)
	}
	got, err := svc.Focus.FindFocusByDay(ctx, d)
	must(t, "FindFocusByDay", err)
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("FindFocusByDay (-set +found):\n%s", diff)
	}
	done, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: ptr(true)})
	must(t, "UpdateFocus done", err)
	if !done.Done || done.DoneAt == nil {
		t.Fatalf("UpdateFocus done: %+v, want done with a time", done)
	}
	again, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: ptr(true)})
	must(t, "UpdateFocus done again", err)
	if again.DoneAt == nil || !again.DoneAt.Equal(*done.DoneAt) {
		t.Errorf("marking done twice moved DoneAt from %v to %v", done.DoneAt, again.DoneAt)
	}

	// One focus a day: setting the same text again keeps the mark; a new
	// task replaces the text and is not done yet.
	same := &stride.Focus{Day: d, Text: "draft the intro"}
	must(t, "SetFocus same text", svc.Focus.SetFocus(ctx, same))
	if same.ID != f.ID || !same.Done || same.DoneAt == nil || !same.DoneAt.Equal(*done.DoneAt) {
		t.Errorf("SetFocus with the same text: %+v, want id %d and the done mark kept", same, f.ID)
	}
	f2 := &stride.Focus{Day: d, Text: "draft the outro"}
	must(t, "SetFocus same day", svc.Focus.SetFocus(ctx, f2))
	if f2.ID != f.ID || f2.Text != "draft the outro" || f2.Done || f2.DoneAt != nil {
		t.Errorf("SetFocus on a day with a focus: %+v, want id %d, the new text and not done", f2, f.ID)
	}
	byID, err := svc.Focus.FindFocusByID(ctx, f.ID)
	must(t, "FindFocusByID", err)
	if diff := cmp.Diff(f2, byID); diff != "" {
		t.Errorf("FindFocusByID (-set +found):\n%s", diff)
	}
	_, err = svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: ptr(true)})
	must(t, "UpdateFocus done", err)

	// An unfinished focus carried to the next days.
	edit := &stride.Focus{Day: d + 2, Text: "edit chapter 2"}
	must(t, "SetFocus", svc.Focus.SetFocus(ctx, edit))
	carried := &stride.Focus{Day: d + 3, Text: "edit chapter 2", CarriedFrom: ptr(d + 2)}
	must(t, "SetFocus carried", svc.Focus.SetFocus(ctx, carried))
	if carried.CarriedFrom == nil || *carried.CarriedFrom != d+2 || carried.Done {
		t.Errorf("carried focus: %+v, want carried from %s and not done", carried, d+2)
	}
	wantCode(t, "SetFocus carried from a later day",
		svc.Focus.SetFocus(ctx, &stride.Focus{Day: d + 4, Text: "x", CarriedFrom: ptr(d + 4)}), stride.EINVALID)
	wantCode(t, "SetFocus blank", svc.Focus.SetFocus(ctx, &stride.Focus{Day: d + 4, Text: "  "}), stride.EINVALID)
	wantCode(t, "SetFocus without a day", svc.Focus.SetFocus(ctx, &stride.Focus{Text: "x"}), stride.EINVALID)

	find := func(what string, filter stride.FocusFilter, want ...stride.Date) {
		t.Helper()
		got, err := svc.Focus.FindFoci(ctx, filter)
		must(t, "FindFoci "+what, err)
		if diff := cmp.Diff(want, focusDays(got)); diff != "" {
			t.Errorf("FindFoci %s (-want +got):\n%s", what, diff)
		}
	}
	find("all, newest first", stride.FocusFilter{}, d+3, d+2, d)
	find("done", stride.FocusFilter{Done: ptr(true)}, d)
	find("not done", stride.FocusFilter{Done: ptr(false)}, d+3, d+2)
	find("since and until", stride.FocusFilter{Since: ptr(d + 1), Until: ptr(d + 2)}, d+2)
	find("limited", stride.FocusFilter{Limit: 2}, d+3, d+2)

	undone, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: ptr(false), Text: ptr(" outro ")})
	must(t, "UpdateFocus not done", err)
	if undone.Done || undone.DoneAt != nil || undone.Text != "outro" {
		t.Errorf("UpdateFocus not done: %+v", undone)
	}
	_, err = svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Text: ptr("")})
	wantCode(t, "UpdateFocus blank", err, stride.EINVALID)
	_, err = svc.Focus.UpdateFocus(ctx, f.ID+1000, stride.FocusUpdate{Done: ptr(true)})
	wantCode(t, "UpdateFocus unknown", err, stride.ENOTFOUND)

	must(t, "DeleteFocus", svc.Focus.DeleteFocus(ctx, edit.ID))
	_, err = svc.Focus.FindFocusByID(ctx, edit.ID)
	wantCode(t, "FindFocusByID deleted", err, stride.ENOTFOUND)
	wantCode(t, "DeleteFocus again", svc.Focus.DeleteFocus(ctx, edit.ID), stride.ENOTFOUND)
	find("after delete", stride.FocusFilter{}, d+3, d)
}

// testFocusScoping checks that each user has a focus of their own per day
// and cannot reach another's.
func testFocusScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Focus != nil, "focus")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	d := day(2025, 3, 3)
	f := &stride.Focus{Day: d, Text: "ada's task"}
	must(t, "SetFocus", svc.Focus.SetFocus(ada, f))
	_, err := svc.Focus.FindFocusByDay(bo, d)
	wantCode(t, "FindFocusByDay as another user", err, stride.ENOTFOUND)
	_, err = svc.Focus.FindFocusByID(bo, f.ID)
	wantCode(t, "FindFocusByID as another user", err, stride.ENOTFOUND)
	_, err = svc.Focus.UpdateFocus(bo, f.ID, stride.FocusUpdate{Done: ptr(true)})
	wantCode(t, "UpdateFocus as another user", err, stride.ENOTFOUND)
	wantCode(t, "DeleteFocus as another user", svc.Focus.DeleteFocus(bo, f.ID), stride.ENOTFOUND)
	own := &stride.Focus{Day: d, Text: "bo's task"}
	must(t, "SetFocus as bo on the same day", svc.Focus.SetFocus(bo, own))
	if own.ID == f.ID {
		t.Errorf("bo's focus replaced ada's (id %d)", f.ID)
	}
	fs, err := svc.Focus.FindFoci(bo, stride.FocusFilter{})
	must(t, "FindFoci as bo", err)
	if len(fs) != 1 || fs[0].Text != "bo's task" {
		t.Errorf("bo's foci = %+v, want bo's task alone", fs)
	}
	got, err := svc.Focus.FindFocusByDay(ada, d)
	must(t, "FindFocusByDay as ada", err)
	if got.Text != "ada's task" || got.Done {
		t.Errorf("ada's focus changed: %+v", got)
	}
}
