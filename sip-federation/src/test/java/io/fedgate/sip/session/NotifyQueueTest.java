package io.fedgate.sip.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One NOTIFY outstanding per dialog; waiting ones coalesce to the latest, terminated is kept. */
class NotifyQueueTest {
  private final NotifyQueue<String> queue = new NotifyQueue<>(n -> n.startsWith("terminated"));

  @Test
  void theFirstGoesAtOnceTheNextOnlyAfterItsAnswer() {
    assertThat(queue.offer("pending")).contains("pending");
    assertThat(queue.offer("active")).isEmpty();

    assertThat(queue.completed()).contains("active");
    assertThat(queue.completed()).isEmpty();
    assertThat(queue.offer("open")).as("nothing outstanding any more").contains("open");
  }

  @Test
  void severalWaitingNotifiesCoalesceToTheLatestState() {
    queue.offer("active");
    queue.offer("away");
    queue.offer("busy");
    queue.offer("open");

    assertThat(queue.completed()).contains("open");
    assertThat(queue.coalesced()).isEqualTo(2);
    assertThat(queue.completed()).isEmpty();
  }

  @Test
  void aWaitingTerminatedNotifyIsNeverReplaced() {
    queue.offer("active");
    queue.offer("terminated;reason=timeout");
    queue.offer("open");

    assertThat(queue.completed()).contains("terminated;reason=timeout");
    assertThat(queue.completed()).isEmpty();
  }
}
