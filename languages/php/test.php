<?php
echo "Hello from Runbox in PHP " . PHP_VERSION . "\n";
