-module(main).
-export([main/1]).

main(_Args) ->
    io:format("Hello from Runbox in Erlang ~s~n", [erlang:system_info(otp_release)]).
