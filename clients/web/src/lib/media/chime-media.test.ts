import { MeetingSessionConfiguration } from 'amazon-chime-sdk-js';
import { describe, expect, it } from 'vitest';
import type { Join } from '../call-model.ts';
import { type ChimeAudioVideo, ChimeMedia } from './chime-media.ts';

/** A meeting and attendee as Chime SDK Meetings returns them on AWS. */
const join: Join = {
  meeting: {
    MeetingId: '5b0a7a5e-0f4c-4d1b-9a7b-2f3e4d5c6b7a',
    ExternalMeetingId: 'call-1',
    MediaRegion: 'eu-central-1',
    MediaPlacement: {
      AudioHostUrl: 'abc.k.m3.ec1.app.chime.aws:3478',
      AudioFallbackUrl: 'wss://haxrp.m3.ec1.app.chime.aws:443/calls/5b0a7a5e',
      SignalingUrl: 'wss://signal.m3.ec1.app.chime.aws/control/5b0a7a5e',
      TurnControlUrl: 'https://2713.cell.eu-central-1.meetings.chime.aws/v2/turn_sessions',
      ScreenDataUrl: 'wss://bitpw.m3.ec1.app.chime.aws:443/v2/screen/5b0a7a5e',
      ScreenViewingUrl: 'wss://bitpw.m3.ec1.app.chime.aws:443/ws/connect?passcode=null&viewer_uuid=null',
      ScreenSharingUrl: 'wss://bitpw.m3.ec1.app.chime.aws:443/v2/screen/5b0a7a5e',
      EventIngestionUrl: 'https://data.svc.ec1.ingest.chime.aws/v1/client-events',
    },
    MeetingFeatures: { Video: { MaxResolution: 'FHD' } },
  },
  attendee: { AttendeeId: 'a1b2c3d4-0000-4000-8000-000000000001', ExternalUserId: 'u-ada', JoinToken: 'join-token-1' },
};

/** Records the order in which the engine drives the SDK's AudioVideoFacade (the dependency, faked). */
function fakeAudioVideo() {
  const log: string[] = [];
  const observers: { audioVideoDidStart?: () => void }[] = [];
  const devices = (kind: MediaDeviceKind, id: string) => async () => [
    { deviceId: id, kind, label: id, groupId: '' } as MediaDeviceInfo,
  ];
  const rec =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      log.push(args.length > 0 && typeof args[0] === 'string' ? `${name}(${args[0]})` : name);
      return result;
    };
  const av = {
    addObserver: (o: { audioVideoDidStart?: () => void }) => {
      log.push('addObserver');
      observers.push(o);
    },
    removeObserver: rec('removeObserver'),
    start: rec('start'),
    stop: rec('stop'),
    startAudioInput: rec('startAudioInput', Promise.resolve(undefined)),
    stopAudioInput: rec('stopAudioInput', Promise.resolve()),
    startVideoInput: rec('startVideoInput', Promise.resolve(undefined)),
    stopVideoInput: rec('stopVideoInput', Promise.resolve()),
    startLocalVideoTile: rec('startLocalVideoTile', 1),
    stopLocalVideoTile: rec('stopLocalVideoTile'),
    bindAudioElement: rec('bindAudioElement', Promise.resolve(true)),
    unbindAudioElement: rec('unbindAudioElement'),
    bindVideoElement: rec('bindVideoElement'),
    realtimeMuteLocalAudio: rec('realtimeMuteLocalAudio'),
    realtimeUnmuteLocalAudio: rec('realtimeUnmuteLocalAudio'),
    realtimeSubscribeToAttendeeIdPresence: rec('realtimeSubscribeToAttendeeIdPresence'),
    realtimeSubscribeToVolumeIndicator: rec('realtimeSubscribeToVolumeIndicator'),
    listAudioInputDevices: devices('audioinput', 'mic-1'),
    listVideoInputDevices: devices('videoinput', 'cam-1'),
    listAudioOutputDevices: devices('audiooutput', 'spk-1'),
    chooseAudioOutput: rec('chooseAudioOutput', Promise.resolve()),
    startContentShareFromScreenCapture: rec('startContentShareFromScreenCapture', Promise.resolve(undefined)),
    stopContentShare: rec('stopContentShare'),
    getRTCPeerConnectionStats: async () => new Map() as unknown as RTCStatsReport,
  } as unknown as ChimeAudioVideo;
  return {
    av,
    log,
    started: () => {
      for (const o of observers) o.audioVideoDidStart?.();
    },
  };
}

function engine() {
  const fake = fakeAudioVideo();
  const configurations: MeetingSessionConfiguration[] = [];
  const media = new ChimeMedia(join, {
    MeetingSessionConfiguration,
    createAudioVideo: (configuration) => {
      configurations.push(configuration);
      return fake.av;
    },
  });
  return { media, configurations, ...fake };
}

describe('the Chime engine', () => {
  it('builds the SDK’s MeetingSessionConfiguration from the join payload', async () => {
    // Given the engine for a meeting on AWS
    const { media, configurations } = engine();

    // When it joins
    await media.join({ audio: true, video: false });

    // Then the SDK's own configuration carries the meeting's URLs and the attendee's credentials
    const configuration = configurations[0];
    expect(configuration?.meetingId).toBe(join.meeting.MeetingId);
    expect(configuration?.externalMeetingId).toBe('call-1');
    expect(configuration?.urls?.signalingURL).toBe(join.meeting.MediaPlacement.SignalingUrl);
    expect(configuration?.urls?.audioHostURL).toBe(join.meeting.MediaPlacement.AudioHostUrl);
    expect(configuration?.credentials?.attendeeId).toBe(join.attendee.AttendeeId);
    expect(configuration?.credentials?.externalUserId).toBe('u-ada');
    expect(configuration?.credentials?.joinToken).toBe('join-token-1');
  });

  it('starts audio input, then video input, then the session, then the local tile; and stops in reverse', async () => {
    // Given the engine and a remote-audio element
    const { media, log, started } = engine();
    media.attach('remote-audio', document.createElement('audio'));

    // When it joins with video and the session starts
    await media.join({ audio: true, video: true });
    started();

    // Then inputs were chosen before start, the local tile after it
    expect(log.filter((l) => !l.startsWith('realtime'))).toEqual([
      'addObserver',
      'startAudioInput(mic-1)',
      'startVideoInput(cam-1)',
      'bindAudioElement',
      'start',
      'startLocalVideoTile',
    ]);
    expect(media.state.get()).toMatchObject({ status: 'connected', cameraOn: true });

    // When it leaves
    log.length = 0;
    await media.leave();

    // Then everything stops in reverse order
    expect(log).toEqual([
      'stopLocalVideoTile',
      'stop',
      'stopVideoInput',
      'stopAudioInput',
      'unbindAudioElement',
      'removeObserver',
    ]);
    expect(media.state.get().status).toBe('ended');
  });

  it('mutes through the SDK’s realtime controller', async () => {
    // Given a joined audio call
    const { media, log } = engine();
    await media.join({ audio: true, video: false });

    // When muted and unmuted
    media.setMuted(true);
    media.setMuted(false);

    // Then the SDK was asked to, in that order
    expect(log.filter((l) => l.startsWith('realtimeMute') || l.startsWith('realtimeUnmute'))).toEqual([
      'realtimeMuteLocalAudio',
      'realtimeUnmuteLocalAudio',
    ]);
  });
});
