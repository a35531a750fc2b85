package io.peerlab.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UploaderTest {

  /** Peer 0 is the server of a client-server run: it holds every object, uplink 16 MiB/s. */
  private static StubContext server(FetchSettings fetch, FaultSettings faults) {
    RunSpec spec =
        TestSpecs.quickstart("client-server").edit(e -> e.settings = e.settings.with(fetch).with(faults));
    return new StubContext(RunSetup.of(spec), 0);
  }

  private static Uploader uploader(StubContext ctx) {
    return new Uploader(
        ctx, (job, data) -> new ChunkData(job.op(), job.object(), job.chunk(), data));
  }

  private static void submit(StubContext ctx, Uploader up, int to, int chunk) {
    Key id = ctx.store.id(0);
    up.submit(new Uploader.Job(to, 1, id, 0, chunk));
  }

  /** Runs the uploader's timers until its queue is empty. */
  private static void drain(StubContext ctx, Uploader up) {
    Object key;
    while ((key = ctx.nextTimer()) != null) {
      assertThat(up.onTimer(key)).isTrue();
    }
  }

  @Test
  void submit_keepsAtMostPipelineChunksOnTheUplink() {
    StubContext ctx = server(FetchSettings.forTests().withUploadPipeline(1), FaultSettings.none());
    Uploader up = uploader(ctx);
    for (int c = 0; c < 4; c++) {
      submit(ctx, up, 5, c);
    }
    assertThat(ctx.sent).hasSize(1);
    assertThat(up.queued()).isEqualTo(3);
    long tx = NetworkModel.transmission(ctx.sent.get(0).message().wireSize(), 16 * TestSpecs.MIB);
    // The next chunk goes when less than the lead is left on the uplink: a 64 KiB chunk takes
    // 3.9 ms at 16 MiB/s, less than the 5 ms lead, so the second one follows at once and the
    // third when the uplink holds less than 5 ms of work.
    up.onTimer(ctx.nextTimer());
    assertThat(ctx.now).isEqualTo(Math.max(0, tx - Uploader.HANDOVER_LEAD_NANOS));
    assertThat(ctx.sent).hasSize(2);
    up.onTimer(ctx.nextTimer());
    assertThat(ctx.now).isEqualTo(2 * tx - Uploader.HANDOVER_LEAD_NANOS);
    assertThat(ctx.sent).hasSize(3);
    drain(ctx, up);
    assertThat(ctx.sent).hasSize(4);
    assertThat(up.queued()).isZero();
  }

  @Test
  void queue_servesRequestersRoundRobin() {
    StubContext ctx = server(FetchSettings.forTests().withUploadPipeline(1), FaultSettings.none());
    Uploader up = uploader(ctx);
    for (int c = 0; c < 3; c++) {
      submit(ctx, up, 5, c);
    }
    for (int c = 0; c < 3; c++) {
      submit(ctx, up, 6, c);
    }
    submit(ctx, up, 7, 0);
    drain(ctx, up);
    List<Integer> order = ctx.sent.stream().map(StubContext.Sent::to).collect(Collectors.toList());
    // 5's first chunk leaves at once; then the queues of 5, 6 and 7 take turns.
    assertThat(order).containsExactly(5, 5, 6, 7, 5, 6, 6);
  }

  @Test
  void priority_sendsTheLowestRankedNextJobFirst_tiesRoundRobin() {
    StubContext ctx = server(FetchSettings.forTests().withUploadPipeline(1), FaultSettings.none());
    Uploader up = uploader(ctx);
    up.prioritize(job -> job.chunk() == 0 ? 0 : 1);
    submit(ctx, up, 5, 3); // leaves at once
    submit(ctx, up, 6, 2);
    submit(ctx, up, 7, 1);
    submit(ctx, up, 8, 0);
    submit(ctx, up, 8, 4);
    drain(ctx, up);
    List<Integer> order = ctx.sent.stream().map(StubContext.Sent::to).collect(Collectors.toList());
    // 8's chunk 0 ranks first; then 6, 7 and 8 in turn (8 went to the back of the turn).
    assertThat(order).containsExactly(5, 8, 6, 7, 8);
  }

  @Test
  void pipelineZero_handsEveryChunkToTheUplinkAtOnce() {
    StubContext ctx = server(FetchSettings.forTests().withUploadPipeline(0), FaultSettings.none());
    Uploader up = uploader(ctx);
    for (int c = 0; c < 4; c++) {
      submit(ctx, up, 5, c);
    }
    assertThat(ctx.sent).hasSize(4);
    assertThat(ctx.timers).isEmpty();
  }

  @Test
  void drop_removesQueuedJobsOnly() {
    StubContext ctx = server(FetchSettings.forTests().withUploadPipeline(1), FaultSettings.none());
    Uploader up = uploader(ctx);
    for (int c = 0; c < 4; c++) {
      submit(ctx, up, 5, c);
    }
    submit(ctx, up, 6, 0);
    assertThat(up.drop(5, j -> j.chunk() >= 2)).isEqualTo(2);
    drain(ctx, up);
    assertThat(ctx.sent).extracting(s -> s.to() + ":" + ((ChunkData) s.message()).chunk())
        .containsExactly("5:0", "5:1", "6:0");
  }

  @Test
  void sentChunks_verifyAgainstTheManifest() {
    StubContext ctx = server(FetchSettings.forTests(), FaultSettings.none());
    Uploader up = uploader(ctx);
    submit(ctx, up, 5, 2);
    ChunkData d = (ChunkData) ctx.sent.get(0).message();
    Manifest m = ctx.store.manifest(0);
    assertThat(m.verify(2, d.data())).isTrue();
  }

  @Test
  void corruptPeer_changesEveryChunkItUploads() {
    StubContext ctx = server(FetchSettings.forTests(), FaultSettings.corrupt(List.of(0)));
    Uploader up = uploader(ctx);
    assertThat(up.corrupt()).isTrue();
    for (int c = 0; c < 4; c++) {
      submit(ctx, up, 5, c);
    }
    drain(ctx, up);
    Manifest m = ctx.store.manifest(0);
    for (StubContext.Sent s : ctx.sent) {
      ChunkData d = (ChunkData) s.message();
      assertThat(m.verify(d.chunk(), d.data())).isFalse();
    }
    // The store's own bytes are untouched.
    assertThat(m.verify(0, ctx.store.chunk(0, 0))).isTrue();
  }

  @Test
  void verifier_rejectsAndCountsACorruptChunk_andKeepsGoodOnesWhenMaterializing() {
    StubContext ctx = server(FetchSettings.forTests().withMaterialize(true), FaultSettings.none());
    ChunkVerifier v = new ChunkVerifier(ctx);
    Manifest m = ctx.store.manifest(3);
    byte[] good = ctx.setup.catalog().chunk(3, 1);
    byte[] bad = good.clone();
    bad[0] ^= 1;
    assertThat(v.accept(m, 1, bad)).isFalse();
    assertThat(ctx.rejected).isEqualTo(1);
    assertThat(ctx.store.storedChunk(3, 1)).isNull();
    assertThat(v.accept(m, 1, good)).isTrue();
    assertThat(ctx.store.storedChunk(3, 1)).isSameAs(good);
    assertThat(ctx.store.chunk(3, 1)).isSameAs(good);
    assertThat(ctx.store.storedBytes()).isEqualTo(good.length);
  }

  @Test
  void verifier_keepsNoBytesWithoutMaterialize() {
    StubContext ctx = server(FetchSettings.forTests().withMaterialize(false), FaultSettings.none());
    ChunkVerifier v = new ChunkVerifier(ctx);
    assertThat(v.accept(ctx.store.manifest(3), 1, ctx.setup.catalog().chunk(3, 1))).isTrue();
    assertThat(ctx.store.storedChunks()).isZero();
  }
}
