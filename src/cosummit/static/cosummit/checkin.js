// Check-in: read a ticket's QR code with the camera, where the browser can.
//
// The page works without this script: the code or a name is typed in the
// field. Where the browser has a barcode detector (BarcodeDetector) and a
// camera, a "Scan a QR code" button appears; a code read fills the field and
// sends the form, which checks the person in.
(function () {
  "use strict";

  var form = document.querySelector("[data-checkin-form]");
  if (!form) {
    return;
  }
  var scanButton = form.querySelector("[data-checkin-scan]");
  var scanner = form.querySelector("[data-checkin-scanner]");
  var video = form.querySelector("[data-checkin-video]");
  var status = form.querySelector("[data-checkin-scanner-status]");
  var stopButton = form.querySelector("[data-checkin-stop]");
  var input = form.querySelector("input[name=code]");
  var canScan =
    "BarcodeDetector" in window &&
    navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === "function";
  if (!canScan || !scanButton || !video || !input) {
    return;
  }

  var stream = null;
  var detector = null;
  var scanning = false;

  function stop() {
    scanning = false;
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.srcObject = null;
    scanner.hidden = true;
    scanButton.hidden = false;
  }

  function found(value) {
    status.textContent = "";
    // A ticket's QR code holds its registration code only.
    input.value = value.trim();
    stop();
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function look() {
    if (!scanning) {
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        if (codes.length > 0 && codes[0].rawValue) {
          found(codes[0].rawValue);
        } else {
          window.setTimeout(look, 200);
        }
      })
      .catch(function () {
        window.setTimeout(look, 400);
      });
  }

  function cannotScan() {
    stop();
    scanButton.hidden = true;
    status.textContent = scanButton.dataset.failedText || "";
    input.focus();
  }

  function start() {
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      cannotScan();
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (cameraStream) {
        stream = cameraStream;
        video.srcObject = stream;
        scanner.hidden = false;
        scanButton.hidden = true;
        status.textContent = scanButton.dataset.lookingText || "";
        return video.play();
      })
      .then(function () {
        scanning = true;
        look();
      })
      .catch(cannotScan);
  }

  // Some browsers have the detector but no QR code format (desktop Linux):
  // the button appears only where a QR code can really be read.
  window.BarcodeDetector.getSupportedFormats()
    .then(function (formats) {
      if (formats.indexOf("qr_code") !== -1) {
        scanButton.hidden = false;
      }
    })
    .catch(function () {});
  scanButton.addEventListener("click", start);
  stopButton.addEventListener("click", function () {
    stop();
    input.focus();
  });
  window.addEventListener("pagehide", stop);
})();
