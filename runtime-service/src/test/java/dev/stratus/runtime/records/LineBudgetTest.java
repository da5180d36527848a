package dev.stratus.runtime.records;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineBudgetTest {

    @Test
    void aFunctionPastItsShareIsRefusedWhileAnotherStillGetsIn() {
        LineBudget budget = new LineBudget(3, 1_000, 2_000);
        assertTrue(budget.admit("noisy", 400));
        assertTrue(budget.admit("noisy", 400));
        assertFalse(budget.admit("noisy", 400), "past its bytes");
        assertTrue(budget.admit("noisy", 100));
        assertFalse(budget.admit("noisy", 1), "past its lines");
        assertTrue(budget.admit("quiet", 100), "the other function has its own share");
        assertEquals(900, budget.bytes("noisy"));
        assertEquals(1_000, budget.bytes());
    }

    @Test
    void releasedLinesMakeRoomAgainAndTheTotalIsWatched() {
        LineBudget budget = new LineBudget(10, 1_000, 1_500);
        assertTrue(budget.admit("a", 900));
        assertTrue(budget.admit("b", 900));
        assertTrue(budget.overTotal());
        budget.release("a", 900);
        assertFalse(budget.overTotal());
        assertEquals(0, budget.bytes("a"));
        assertTrue(budget.admit("a", 900));
    }
}
