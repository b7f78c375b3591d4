package vn.motcua.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;

class StatusMachineTest {

    @Test
    void followsTheHappyPathFromDraftToCompleted() {
        Status s = Status.DRAFT;
        for (Action a : new Action[] {Action.SUBMIT, Action.RECEIVE, Action.ACCEPT, Action.APPROVE, Action.COMPLETE}) {
            s = StatusMachine.next(s, a);
        }
        assertThat(s).isEqualTo(Status.COMPLETED);
    }

    @Test
    void aSupplementRequestReturnsToInProgressWhenTheCitizenResubmits() {
        Status s = StatusMachine.next(Status.IN_PROGRESS, Action.REQUEST_SUPPLEMENT);
        assertThat(s).isEqualTo(Status.SUPPLEMENT_REQUESTED);
        assertThat(StatusMachine.next(s, Action.SUBMIT)).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void rejectionIsPossibleFromReceivedAndInProgressOnly() {
        Set<Status> allowed = EnumSet.noneOf(Status.class);
        for (Status s : Status.values()) {
            StatusMachine.target(s, Action.REJECT).ifPresent(t -> allowed.add(s));
        }
        assertThat(allowed).containsExactlyInAnyOrder(Status.RECEIVED, Status.IN_PROGRESS);
    }

    @Test
    void theCitizenCanWithdrawUntilADecision() {
        Set<Status> allowed = EnumSet.noneOf(Status.class);
        for (Status s : Status.values()) {
            StatusMachine.target(s, Action.WITHDRAW).ifPresent(t -> allowed.add(s));
        }
        assertThat(allowed).containsExactlyInAnyOrder(Status.DRAFT, Status.SUBMITTED, Status.RECEIVED,
                Status.IN_PROGRESS, Status.SUPPLEMENT_REQUESTED);
    }

    @Test
    void exactlyTheDesignedTransitionsExist() {
        int count = 0;
        for (Status s : Status.values()) {
            for (Action a : Action.values()) {
                if (StatusMachine.target(s, a).isPresent()) {
                    count++;
                }
            }
        }
        // 9 listed edges + 5 withdrawals.
        assertThat(count).isEqualTo(14);
    }

    @Test
    void anythingElseIs409InvalidTransition() {
        for (Status terminal : new Status[] {Status.APPROVED, Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN}) {
            assertThatThrownBy(() -> StatusMachine.next(terminal, Action.WITHDRAW))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(409);
                        assertThat(p.type()).isEqualTo("invalid-transition");
                    });
        }
        assertThatThrownBy(() -> StatusMachine.next(Status.SUBMITTED, Action.SUBMIT))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.type()).isEqualTo("invalid-transition"));
        assertThatThrownBy(() -> StatusMachine.next(Status.DRAFT, Action.RECEIVE)).isInstanceOf(ApiProblem.class);
    }
}
